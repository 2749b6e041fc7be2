import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';

// Dependency rules (ARCHITECTURE.md): a service depends only on libs; contracts depend on
// nothing with Nest or TypeORM in it; no lib imports a service.
const boundaries = {
  enforceBuildableLibDependency: false,
  allow: [],
  // testing's service harness (start-service.ts) builds on messaging and persistence, whose own
  // tests use testing's helpers: a cycle through test files only, never in what a service runs.
  ignoredCircularDependencies: [
    ['testing', 'messaging'],
    ['testing', 'persistence'],
  ],
  depConstraints: [
    { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:contracts', 'type:messaging', 'type:persistence', 'type:reference', 'type:http', 'type:auth'] },
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [], bannedExternalImports: ['@nestjs/*', 'typeorm', '@nats-io/*', 'pg'] },
    { sourceTag: 'type:reference', onlyDependOnLibsWithTags: ['type:reference'], bannedExternalImports: ['@nestjs/*', 'typeorm', '@nats-io/*', 'pg'] },
    { sourceTag: 'type:persistence', onlyDependOnLibsWithTags: ['type:contracts'] },
    { sourceTag: 'type:messaging', onlyDependOnLibsWithTags: ['type:contracts', 'type:persistence'] },
    { sourceTag: 'type:http', onlyDependOnLibsWithTags: ['type:contracts', 'type:messaging', 'type:persistence'] },
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:messaging', 'type:persistence'] },
    { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:contracts', 'type:messaging', 'type:persistence', 'type:reference', 'type:testing'] },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', '.nx/', 'coverage/', 'docs/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { '@nx': nx },
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    // Tests and benchmarks of any project may use the shared test helpers.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts', '**/bench/**/*.ts', 'e2e/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          ...boundaries,
          depConstraints: boundaries.depConstraints.map((c) => ({ ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'] })),
        },
      ],
    },
  },
);
