import { createApp, type Logger } from './app.js';
import type { Config } from './config.js';
import { createSitesService } from './sites/service.js';
import { openStore } from './store/database.js';
import { type AdminKeySource, resolveAdminKey } from './store/meta.js';

/**
 * Everything a running server needs, in start order: database and migrations, admin key,
 * the demo site, then the app.
 */
export async function startServices(config: Config, log?: Logger) {
  const store = await openStore(config.database);
  try {
    const admin = await resolveAdminKey(store, config.adminKey);
    await createSitesService(store).ensureDemo();
    const built = createApp({ config, store, adminKey: admin.key, ...(log ? { log } : {}) });
    return { ...built, config, store, adminKey: admin.key, adminKeySource: admin.source as AdminKeySource };
  } catch (err) {
    await store.close();
    throw err;
  }
}
