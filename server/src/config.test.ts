import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

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

  it('refuses what it cannot use', () => {
    for (const env of [
      { PORT: 'http' },
      { PORT: '70000' },
      { DATABASE_URL: 'mysql://x' },
      { SHARESTACK_ADMIN_KEY: 'short' },
      { SHARESTACK_DEV_TOKENS: 'maybe' },
      { PUBLIC_URL: 'not a url' },
    ]) {
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(ConfigError);
    }
  });
});
