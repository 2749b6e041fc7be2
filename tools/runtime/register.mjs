// Runs the TypeScript sources directly on Node 24: `node --import ./tools/runtime/register.mjs x.ts`.
// Node's own type stripping cannot emit decorator metadata, which Nest's DI and TypeORM need,
// so .ts files are compiled by swc here and `@jingwang/<lib>` resolves to the lib's source.
import { registerHooks } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transformSync } from '@swc/core';
import { swcOptions } from './swc-options.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const LIB = /^@jingwang\/([a-z0-9-]+)$/;

registerHooks({
  resolve(specifier, context, next) {
    const lib = LIB.exec(specifier);
    if (lib) {
      const file = `${root}libs/${lib[1]}/src/index.ts`;
      if (existsSync(file)) return { url: pathToFileURL(file).href, shortCircuit: true };
    }
    return next(specifier, context);
  },
  load(url, context, next) {
    if (url.startsWith('file:') && url.endsWith('.ts') && !url.includes('/node_modules/')) {
      const filename = fileURLToPath(url);
      const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swcOptions, filename });
      return { format: 'module', source: code, shortCircuit: true };
    }
    return next(url, context);
  },
});
