import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { startServices } from '../src/server.js';

const quiet: Logger = { info: () => {}, error: () => {} };

describe('startup', () => {
  it('generates the admin key once, keeps it, and creates the demo site once', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ss-start-'));
    const config = loadConfig({ DATA_DIR: 'data' }, cwd);
    expect(config.database).toEqual({ kind: 'sqlite', file: join(cwd, 'data', 'sharestack.db') });

    const first = await startServices(config, quiet);
    expect(first.adminKeySource).toBe('generated');
    const key = first.adminKey;
    expect(key.length).toBeGreaterThan(30);
    await first.close();

    const second = await startServices(config, quiet);
    expect(second.adminKeySource).toBe('stored');
    expect(second.adminKey).toBe(key);
    const demos = await second.store.db.selectFrom('sites').select('id').where('id', '=', 'demo').execute();
    expect(demos).toHaveLength(1);
    const res = await second.app.request('/api/admin/sites', { headers: { Authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    await second.close();
  });

  it('prefers SHARESTACK_ADMIN_KEY', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ss-start-'));
    const services = await startServices(
      loadConfig({ SHARESTACK_ADMIN_KEY: 'from-the-environment-123' }, cwd),
      quiet,
    );
    expect(services.adminKeySource).toBe('env');
    expect(services.adminKey).toBe('from-the-environment-123');
    await services.close();
  });
});
