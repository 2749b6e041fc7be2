/** Every service of the system and its fixed default local port (each overridable, see README). */
export const SERVICE_PORTS: Readonly<Record<string, number>> = {
  gateway: 8080,
  intake: 3001,
  dispatch: 3002,
  mediation: 3003,
  permits: 3004,
  insights: 3005,
};

/** `<SERVICE>_PORT`, else `PORT`, else the default from the table. */
export function servicePort(service: string, env: Record<string, string | undefined> = process.env): number {
  const raw = env[`${service.toUpperCase()}_PORT`] ?? env.PORT;
  const port = raw === undefined ? SERVICE_PORTS[service] : Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${service.toUpperCase()}_PORT must be a port number from 1 to 65535 (got "${raw}")`);
  }
  return port;
}
