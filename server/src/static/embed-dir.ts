import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the built elements package puts `embed.js`. Found through the workspace dependency
 * when it resolves, else by walking up to the monorepo's packages/elements.
 */
export function findEmbedDir(): string {
  try {
    const entry = createRequire(import.meta.url).resolve('@sharestack/elements');
    let dir = dirname(entry);
    while (dir !== dirname(dir)) {
      if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist');
      dir = dirname(dir);
    }
  } catch {
    // Not installed next to the server (e.g. a copied bundle): fall through to the walk.
  }
  let dir = dirname(fileURLToPath(import.meta.url));
  while (dir !== dirname(dir)) {
    const candidate = join(dir, 'packages', 'elements');
    if (existsSync(join(candidate, 'package.json'))) return join(candidate, 'dist');
    dir = dirname(dir);
  }
  return resolve('packages/elements/dist');
}
