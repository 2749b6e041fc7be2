// `npm run contracts:schemas`: writes one JSON Schema per event contract, and an index, into
// docs/generated/contracts/ (regenerated, never edited by hand).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contractSchemas } from '@jingwang/contracts';
import { ROOT } from '../stack/workspace.ts';

export function writeSchemas(outDir = join(ROOT, 'docs/generated/contracts')): string[] {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const schemas = contractSchemas();
  for (const s of schemas) writeFileSync(join(outDir, `${s.subject}.schema.json`), `${JSON.stringify(s.schema, null, 2)}\n`);
  const index = schemas.map((s) => ({ subject: s.subject, description: s.description, schema: `${s.subject}.schema.json` }));
  writeFileSync(join(outDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  return schemas.map((s) => s.subject);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const subjects = writeSchemas();
  console.log(`wrote ${subjects.length} schemas to docs/generated/contracts/:\n  ${subjects.join('\n  ')}`);
}
