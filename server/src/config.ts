import { isAbsolute, join, resolve } from 'node:path';
import { mergeRules, type RateRules } from './ratelimit/rules.js';
import type { DatabaseTarget } from './store/database.js';

export interface Config {
  port: number;
  host: string;
  /** Absolute; resolved against the process's working directory. */
  dataDir: string;
  database: DatabaseTarget;
  redisUrl: string | null;
  smtpUrl: string | null;
  /** From SHARESTACK_ADMIN_KEY; when null a key is generated once and kept in the database. */
  adminKey: string | null;
  devTokens: boolean;
  publicUrl: string | null;
  production: boolean;
  /** Folder of the built elements package (embed.js and its chunks). */
  embedDir: string | null;
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** Rate limit overrides (SHARESTACK_RATE_LIMITS, JSON), merged over the defaults. */
  rateLimits: RateRules;
}

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

/** The one place that reads the environment. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const production = env.NODE_ENV === 'production';
  const dataDir = resolve(cwd, env.DATA_DIR || './data');
  return {
    port: port(env.PORT),
    host: env.HOST || '127.0.0.1',
    dataDir,
    database: databaseTarget(env.DATABASE_URL, dataDir, cwd),
    redisUrl: env.REDIS_URL || null,
    smtpUrl: env.SMTP_URL || null,
    adminKey: adminKey(env.SHARESTACK_ADMIN_KEY),
    devTokens: flag(env.SHARESTACK_DEV_TOKENS, !production, 'SHARESTACK_DEV_TOKENS'),
    publicUrl: publicUrl(env.PUBLIC_URL),
    production,
    embedDir: env.SHARESTACK_EMBED_DIR ? resolve(cwd, env.SHARESTACK_EMBED_DIR) : null,
    trustProxy: flag(env.SHARESTACK_TRUST_PROXY, false, 'SHARESTACK_TRUST_PROXY'),
    rateLimits: rateLimits(env.SHARESTACK_RATE_LIMITS),
  };
}

function rateLimits(raw: string | undefined): RateRules {
  try {
    return mergeRules(raw ? JSON.parse(raw) : undefined);
  } catch (err) {
    throw new ConfigError(`SHARESTACK_RATE_LIMITS: ${(err as Error).message}`);
  }
}

function port(raw: string | undefined): number {
  if (!raw) return 8787;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`PORT must be 0-65535, got "${raw}"`);
  return n;
}

function flag(raw: string | undefined, fallback: boolean, name: string): boolean {
  if (raw === undefined || raw === '') return fallback;
  const v = raw.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(`${name} must be 1/0, true/false, yes/no or on/off, got "${raw}"`);
}

function adminKey(raw: string | undefined): string | null {
  if (!raw) return null;
  // A short admin key is guessable; refuse rather than run insecurely.
  if (raw.length < 16) throw new ConfigError('SHARESTACK_ADMIN_KEY must be at least 16 characters');
  return raw;
}

function publicUrl(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    return new URL(raw).toString().replace(/\/$/, '');
  } catch {
    throw new ConfigError(`PUBLIC_URL is not a URL: "${raw}"`);
  }
}

/**
 * unset → SQLite in DATA_DIR; `postgres://`/`postgresql://` → PostgreSQL;
 * `pglite:` / `pglite://memory` → in-memory PGlite, `pglite:<dir>` → PGlite on disk;
 * `sqlite:<file>` (or `sqlite::memory:`) → that SQLite file.
 */
export function databaseTarget(raw: string | undefined, dataDir: string, cwd: string): DatabaseTarget {
  if (!raw) return { kind: 'sqlite', file: join(dataDir, 'sharestack.db') };
  if (/^postgres(ql)?:\/\//.test(raw)) return { kind: 'postgres', url: raw };
  if (raw.startsWith('pglite:')) {
    const rest = raw.slice('pglite:'.length).replace(/^\/\//, '');
    if (rest === '' || rest === 'memory') return { kind: 'pglite', dataDir: null };
    return { kind: 'pglite', dataDir: isAbsolute(rest) ? rest : resolve(cwd, rest) };
  }
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\//, '');
    if (file === ':memory:') return { kind: 'sqlite', file };
    if (file === '') throw new ConfigError('DATABASE_URL sqlite: needs a file path');
    return { kind: 'sqlite', file: isAbsolute(file) ? file : resolve(cwd, file) };
  }
  throw new ConfigError('DATABASE_URL must start with postgres://, postgresql://, pglite: or sqlite:');
}
