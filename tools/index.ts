// The local Nx plugin @jingwang/tools: `npx nx g @jingwang/tools:service <name>` (generators.json).
export { default as serviceGenerator, planService, type ServiceGeneratorOptions, type ServicePlan } from './generators/service/service.generator.ts';
