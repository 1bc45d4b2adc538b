// Locates the project's root folder, from source (test/support) or compiled (dist-test/test/support) alike.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'kafka-workbench') {
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`no kafka-workbench package.json above ${start}`);
  }
}

export const repoRoot = findRepoRoot(__dirname);

/** Path of a built file under dist/, failing with a hint when the build has not made it. */
export function builtFile(name: string): string {
  const path = join(repoRoot, 'dist', name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`);
  return path;
}
