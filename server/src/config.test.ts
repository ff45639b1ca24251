import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { describePostgres } from './store/database.js';

// A real pair (web-push generateVAPIDKeys), only used to test parsing.
const VAPID_PUBLIC =
  'BHhlrCYWOPN_eKw2mItZYyfhYcKiVNGBE__zYR1hgg8tnPRA3-1k6ZHyoPZjk-rZkq6q9u9znW-m1X3GjGIs5JE';
const VAPID_PRIVATE = 'vFyO-2U19qyQ6FZ3ObTEUXEun8z2cXT7RMy1YN9EkiM';

describe('config', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      dataDir: '/srv/app/data',
      database: { kind: 'sqlite', file: join('/srv/app/data', 'sharestack.db') },
      redisUrl: null,
      smtpUrl: null,
      smtpFrom: 'ShareStack <notifications@localhost>',
      vapidKeys: null,
      vapidSubject: 'mailto:admin@localhost',
      adminKey: null,
      devTokens: true,
      publicUrl: null,
    });
  });

  it('reads every variable', () => {
    const c = loadConfig(
      {
        PORT: '9000',
        HOST: '0.0.0.0',
        DATA_DIR: 'var',
        DATABASE_URL: 'postgres://u@db:5432/x',
        REDIS_URL: 'redis://r:6379',
        SMTP_URL: 'smtp://mail:25',
        SMTP_FROM: 'Blog <noreply@blog.example>',
        VAPID_PUBLIC_KEY: VAPID_PUBLIC,
        VAPID_PRIVATE_KEY: VAPID_PRIVATE,
        VAPID_SUBJECT: 'https://blog.example/contact',
        SHARESTACK_ADMIN_KEY: 'a-long-enough-admin-key',
        SHARESTACK_DEV_TOKENS: '0',
        PUBLIC_URL: 'https://comments.example/',
      },
      '/srv',
    );
    expect(c).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/srv/var',
      database: { kind: 'postgres', url: 'postgres://u@db:5432/x' },
      redisUrl: 'redis://r:6379',
      smtpUrl: 'smtp://mail:25',
      smtpFrom: 'Blog <noreply@blog.example>',
      vapidKeys: { publicKey: VAPID_PUBLIC, privateKey: VAPID_PRIVATE },
      vapidSubject: 'https://blog.example/contact',
      adminKey: 'a-long-enough-admin-key',
      devTokens: false,
      publicUrl: 'https://comments.example',
    });
  });

  it('turns dev tokens off in production unless asked', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).devTokens).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SHARESTACK_DEV_TOKENS: 'on' }).devTokens).toBe(true);
  });

  it('understands PGlite and explicit SQLite URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'pglite:' }).database).toEqual({ kind: 'pglite', dataDir: null });
    expect(loadConfig({ DATABASE_URL: 'pglite://memory' }).database).toEqual({
      kind: 'pglite',
      dataDir: null,
    });
    expect(loadConfig({ DATABASE_URL: 'pglite:./pg' }, '/x').database).toEqual({
      kind: 'pglite',
      dataDir: '/x/pg',
    });
    expect(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).database).toEqual({
      kind: 'sqlite',
      file: ':memory:',
    });
  });

  it('describes a PostgreSQL URL for the log without its credentials, socket forms included', () => {
    expect(describePostgres('postgres://u:secret@db:5433/x')).toBe('postgres://db:5433/x');
    expect(describePostgres('postgresql://db/x?sslmode=require')).toBe('postgres://db/x');
    // libpq's Unix-socket forms, which a WHATWG URL refuses (no host after the user).
    for (const url of [
      'postgres://u:secret@/x?host=/var/run/postgresql',
      'postgres:///x?host=/var/run/postgresql',
      'postgresql://%2Fvar%2Frun%2Fpostgresql/x',
    ]) {
      expect(describePostgres(url)).toBe('postgres://localhost/x (socket in /var/run/postgresql)');
    }
  });

  it('refuses what it cannot use', () => {
    for (const env of [
      { PORT: 'http' },
      { PORT: '70000' },
      { DATABASE_URL: 'mysql://x' },
      { SHARESTACK_ADMIN_KEY: 'short' },
      { SHARESTACK_DEV_TOKENS: 'maybe' },
      { PUBLIC_URL: 'not a url' },
      { SMTP_URL: 'mail.example:25' },
      { SMTP_URL: 'http://mail.example' },
      { SMTP_FROM: 'no address' },
      { SMTP_FROM: 'a@b.example\r\nBcc: x@y.example' },
      { VAPID_PUBLIC_KEY: VAPID_PUBLIC },
      { VAPID_PRIVATE_KEY: VAPID_PRIVATE },
      { VAPID_PUBLIC_KEY: 'short', VAPID_PRIVATE_KEY: VAPID_PRIVATE },
      { VAPID_PUBLIC_KEY: VAPID_PUBLIC, VAPID_PRIVATE_KEY: 'not+base64url/' },
      { VAPID_SUBJECT: 'admin@example' },
      { VAPID_SUBJECT: 'http://example' },
    ]) {
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(ConfigError);
    }
  });
});
