import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServiceProject {
  name: string;
  root: string;
  main: string;
  migrations: string;
}

/** Services are found, not listed: every services/<name>/project.json with a src/main.ts. */
export function discoverServices(root = ROOT): ServiceProject[] {
  const dir = join(root, 'services');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'project.json')) && existsSync(join(dir, d.name, 'src/main.ts')))
    .map((d) => {
      const project = JSON.parse(readFileSync(join(dir, d.name, 'project.json'), 'utf8')) as { name: string };
      return {
        name: project.name,
        root: join(dir, d.name),
        main: join(dir, d.name, 'src/main.ts'),
        migrations: join(dir, d.name, 'src/migrations/index.ts'),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
