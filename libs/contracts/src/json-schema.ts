import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { allContracts } from './registry.ts';

export interface ContractSchema {
  subject: string;
  description: string;
  schema: Record<string, unknown>;
}

/** JSON Schema (draft-07) of each contract's payload, from its class-validator decorators. */
export function contractSchemas(): ContractSchema[] {
  const definitions = validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage as never,
    refPointerPrefix: '#/definitions/',
  }) as Record<string, Record<string, unknown>>;
  return allContracts().map((c) => ({
    subject: c.subject,
    description: c.description,
    schema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: `https://jingwang.local/contracts/${c.subject}.json`,
      title: c.subject,
      description: c.description,
      ...definitions[c.payload.name],
      definitions: referenced(definitions[c.payload.name], definitions),
    },
  }));
}

/** Only the nested classes a payload refers to (transitively), not every class ever decorated. */
function referenced(root: unknown, all: Record<string, Record<string, unknown>>, out: Record<string, unknown> = {}): Record<string, unknown> {
  const refs = JSON.stringify(root).matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g);
  for (const [, name] of refs) {
    if (out[name] || !all[name]) continue;
    out[name] = all[name];
    referenced(all[name], all, out);
  }
  return out;
}
