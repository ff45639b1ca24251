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
  /** From SMTP_FROM: the sender of notification email (`Name <address>` or a bare address). */
  smtpFrom: string;
  /**
   * VAPID keys for web push (VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, both or neither); when null
   * a pair is generated once and kept in the database.
   */
  vapidKeys: { publicKey: string; privateKey: string } | null;
  /** VAPID_SUBJECT: how a push service can reach the operator (`mailto:` or `https:`). */
  vapidSubject: string;
  /** From SHARESTACK_ADMIN_KEY; when null a key is generated once and kept in the database. */
  adminKey: string | null;
  devTokens: boolean;
  publicUrl: string | null;
  production: boolean;
  /** Folder of the built elements package (embed.js and its chunks). */
  embedDir: string | null;
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  /**
   * How long a process holds notification work it took (SHARESTACK_NOTIFICATION_LEASE_MS): after
   * a crash, another process (or the restarted one) takes it over once this has passed.
   */
  notificationLeaseMs: number;
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
    smtpUrl: smtpUrl(env.SMTP_URL),
    smtpFrom: smtpFrom(env.SMTP_FROM),
    vapidKeys: vapidKeys(env.VAPID_PUBLIC_KEY, env.VAPID_PRIVATE_KEY),
    vapidSubject: vapidSubject(env.VAPID_SUBJECT),
    adminKey: adminKey(env.SHARESTACK_ADMIN_KEY),
    devTokens: flag(env.SHARESTACK_DEV_TOKENS, !production, 'SHARESTACK_DEV_TOKENS'),
    publicUrl: publicUrl(env.PUBLIC_URL),
    production,
    embedDir: env.SHARESTACK_EMBED_DIR ? resolve(cwd, env.SHARESTACK_EMBED_DIR) : null,
    trustProxy: flag(env.SHARESTACK_TRUST_PROXY, false, 'SHARESTACK_TRUST_PROXY'),
    notificationLeaseMs: leaseMs(env.SHARESTACK_NOTIFICATION_LEASE_MS),
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

function leaseMs(raw: string | undefined): number {
  if (!raw) return 60_000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1_000 || n > 3_600_000) {
    throw new ConfigError(`SHARESTACK_NOTIFICATION_LEASE_MS must be 1000-3600000, got "${raw}"`);
  }
  return n;
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

function smtpUrl(raw: string | undefined): string | null {
  if (!raw) return null;
  if (!/^smtps?:\/\/[^/]/i.test(raw)) throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  try {
    new URL(raw);
  } catch {
    throw new ConfigError('SMTP_URL is not a URL');
  }
  return raw;
}

export const DEFAULT_SMTP_FROM = 'ShareStack <notifications@localhost>';

function smtpFrom(raw: string | undefined): string {
  if (!raw) return DEFAULT_SMTP_FROM;
  const value = raw.trim();
  // `Name <local@domain>` or `local@domain`; no line breaks (header injection).
  if (!/^([^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/.test(value)) {
    throw new ConfigError(`SMTP_FROM must be "Name <address@domain>" or "address@domain", got "${raw}"`);
  }
  return value;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function vapidKeys(
  publicKey: string | undefined,
  privateKey: string | undefined,
): { publicKey: string; privateKey: string } | null {
  if (!publicKey && !privateKey) return null;
  if (!publicKey || !privateKey) {
    throw new ConfigError('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together');
  }
  // An uncompressed P-256 point (65 bytes) and a 32-byte scalar, base64url without padding.
  const pub = publicKey.trim().replace(/=+$/, '');
  const priv = privateKey.trim().replace(/=+$/, '');
  if (!BASE64URL.test(pub) || Buffer.from(pub, 'base64url').length !== 65) {
    throw new ConfigError('VAPID_PUBLIC_KEY must be a base64url P-256 public key (65 bytes)');
  }
  if (!BASE64URL.test(priv) || Buffer.from(priv, 'base64url').length !== 32) {
    throw new ConfigError('VAPID_PRIVATE_KEY must be a base64url P-256 private key (32 bytes)');
  }
  return { publicKey: pub, privateKey: priv };
}

export const DEFAULT_VAPID_SUBJECT = 'mailto:admin@localhost';

function vapidSubject(raw: string | undefined): string {
  if (!raw) return DEFAULT_VAPID_SUBJECT;
  if (!/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/.test(raw)) {
    throw new ConfigError(`VAPID_SUBJECT must be a mailto: or https: URL, got "${raw}"`);
  }
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
