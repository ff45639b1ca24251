/**
 * The server the benchmarks drive: as built (server/dist/index.js, `pnpm -C server build`), the
 * code that ships, rather than the sources as tsx compiles them on the fly (which adds its own
 * work: esbuild's keepNames wraps every function a request creates). BENCH_SERVER=src runs the
 * sources instead, without a build; BENCH_SERVER_DIST=DIR another build (a copy of dist/ kept
 * inside server/, where its packages resolve), to compare two builds back to back.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

type Server = typeof import('@sharestack/server');

// The package exports its sources (src/index.ts); the build sits beside them.
const serverDir = dirname(dirname(createRequire(import.meta.url).resolve('@sharestack/server')));
const other = process.env.BENCH_SERVER_DIST;
const built = other ? join(resolve(other), 'index.js') : join(serverDir, 'dist/index.js');
const fromSource = process.env.BENCH_SERVER === 'src';
if (!fromSource && !existsSync(built)) {
  throw new Error(`${built} is missing: run pnpm -C server build (or set BENCH_SERVER=src)`);
}

export const server: Server = fromSource
  ? await import('@sharestack/server')
  : ((await import(pathToFileURL(built).href)) as Server);
/** What the benchmark ran, for its report. */
export const serverBuild = fromSource
  ? 'server sources (tsx)'
  : other
    ? `${other} (built)`
    : 'server/dist (built)';
