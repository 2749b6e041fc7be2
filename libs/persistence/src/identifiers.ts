/** Service names become schema and role names; only plain identifiers are allowed, so quoting is safe. */
export function assertServiceName(service: string): string {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(service)) {
    throw new Error(`"${service}" is not a valid service name: use lower-case letters, digits and _`);
  }
  return service;
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
