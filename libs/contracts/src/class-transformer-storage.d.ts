// class-transformer ships no types for its storage module; class-validator-jsonschema needs it to follow @Type().
declare module 'class-transformer/cjs/storage.js' {
  export const defaultMetadataStorage: unknown;
}
