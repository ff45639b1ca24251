import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SITE_HEADER, type SiteSettingsPatch, type SiteWithSecret } from '@sharestack/protocol';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Logger } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { listen, type ServiceOverrides, startServices } from '../src/server.js';
import { type Dialect, dialects } from './dialects.js';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';

export interface RequestOptions {
  site?: string | null;
  token?: string | null;
  body?: unknown;
  /** Sent as is, not JSON-encoded. */
  raw?: string;
  headers?: Record<string, string>;
}

export type Services = Awaited<ReturnType<typeof startServices>>;

export interface Harness {
  readonly services: Services;
  /** Unexpected server errors logged during the file; tests assert it stays empty. */
  readonly errors: unknown[];
  request(method: string, path: string, opts?: RequestOptions): Promise<Response>;
  /** A fresh site per test keeps tests independent on a shared database. */
  newSite(settings?: SiteSettingsPatch, origins?: string[]): Promise<SiteWithSecret>;
  /** Serves the app on a real port (once per file) for WebSocket tests; the base URL. */
  listen(): Promise<string>;
  token(
    site: { secret: string },
    sub: string,
    claims?: Record<string, unknown>,
    ttlSeconds?: number,
  ): Promise<string>;
}

export async function signWith(secret: string, sub: string, claims: Record<string, unknown> = {}, ttl = 600) {
  return new SignJWT({ name: sub, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttl)
    .sign(new TextEncoder().encode(secret));
}

/** Starts one server on `dialect` for the enclosing describe block. */
export function useServer(
  dialect: Dialect,
  env: Record<string, string> = {},
  overrides: ServiceOverrides = {},
): Harness {
  let services: Services | undefined;
  let listening: Promise<Awaited<ReturnType<typeof listen>>> | null = null;
  let cleanup: () => Promise<void> = async () => {};
  const errors: unknown[] = [];
  const log: Logger = { info: () => {}, error: (msg, err) => errors.push({ msg, err }) };

  beforeAll(async () => {
    const opened = await dialect.open();
    cleanup = opened.cleanup;
    const cwd = mkdtempSync(join(tmpdir(), 'ss-test-'));
    const config = {
      ...loadConfig(
        { SHARESTACK_ADMIN_KEY: ADMIN_KEY, SHARESTACK_EMBED_DIR: join(cwd, 'no-embed'), ...env },
        cwd,
      ),
      database: opened.target,
    };
    services = await startServices(config, log, overrides);
  });
  afterAll(async () => {
    if (listening) await (await listening).close();
    else await services?.close();
    await cleanup();
  });

  const h: Harness = {
    get services() {
      if (!services) throw new Error('server not started');
      return services;
    },
    errors,
    async listen() {
      listening ??= listen(h.services, 0, '127.0.0.1');
      return (await listening).url;
    },
    request(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.site) headers[SITE_HEADER] = opts.site;
      if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
      let body: string | undefined;
      if (opts.raw !== undefined) body = opts.raw;
      else if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers['Content-Type'] ??= 'application/json';
      }
      return Promise.resolve(h.services.app.request(path, { method, headers, body }));
    },
    async newSite(settings = {}, origins = ['*']) {
      const res = await h.request('POST', '/api/admin/sites', {
        headers: { Authorization: `Bearer ${ADMIN_KEY}` },
        body: { name: 'Test site', origins, settings },
      });
      if (res.status !== 201) throw new Error(`site creation failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as SiteWithSecret;
    },
    token: (site, sub, claims, ttl) => signWith(site.secret, sub, claims, ttl),
  };
  return h;
}

/** `describe.each(dialects)`, with a visible skip for a dialect whose server is unreachable. */
export function describeDialects(
  title: string,
  fn: (h: Harness, dialect: Dialect) => void,
  overrides: ServiceOverrides = {},
): void {
  for (const dialect of dialects) {
    const label = dialect.skip
      ? `${title} [${dialect.name}] — skipped: ${dialect.skip}`
      : `${title} [${dialect.name}]`;
    describe.skipIf(dialect.skip !== null)(label, () => fn(useServer(dialect, {}, overrides), dialect));
  }
}

export async function body<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
