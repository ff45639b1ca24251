import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { ErrorCode } from '@sharestack/protocol';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { ProblemError } from '../http/problem.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};
const SAFE_PATH = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

interface Cached {
  mtimeMs: number;
  size: number;
  body: Uint8Array;
  etag: string;
}

/**
 * Serves the embed bundle to any page (CORS `*`): file names are stable, so browsers
 * revalidate with the ETag instead of caching for long.
 */
export function embedRoutes(embedDir: string) {
  const r = new Hono<AppEnv>({ strict: false });
  const cache = new Map<string, Cached>();

  async function load(file: string): Promise<Cached | null> {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return null;
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit;
    const body = new Uint8Array(await readFile(file));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const entry = { mtimeMs: info.mtimeMs, size: info.size, body, etag };
    cache.set(file, entry);
    return entry;
  }

  async function serve(c: Context<AppEnv>, relative: string, isLoader: boolean) {
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    const type = TYPES[extname(relative)];
    const file = normalize(join(embedDir, relative));
    if (!type || !SAFE_PATH.test(relative) || !file.startsWith(embedDir + sep)) {
      throw new ProblemError(404, ErrorCode.NotFound, 'No such embed file.');
    }
    const entry = await load(file);
    if (!entry) {
      if (isLoader) {
        throw new ProblemError(
          503,
          ErrorCode.ServiceUnavailable,
          'The embed bundle is not built. Run `pnpm build` at the repository root, then reload.',
        );
      }
      throw new ProblemError(404, ErrorCode.NotFound, 'No such embed file.');
    }
    c.header('ETag', entry.etag);
    c.header('Cache-Control', 'public, max-age=300, stale-while-revalidate=86400');
    c.header('X-Content-Type-Options', 'nosniff');
    if (c.req.header('If-None-Match') === entry.etag) return c.body(null, 304);
    c.header('Content-Type', type);
    return c.body(entry.body as Uint8Array<ArrayBuffer>, 200);
  }

  r.get('/embed.js', (c) => serve(c, 'embed.js', true));
  r.get('/embed/*', (c) => {
    const relative = c.req.path.slice('/embed/'.length);
    return serve(c, `embed/${relative}`, false);
  });
  return r;
}
