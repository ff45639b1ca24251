import type { Logger } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { listen, startServices } from './server.js';

const log: Logger = {
  info: (msg) => console.log(msg),
  error: (msg, err) => console.error(msg, err),
};

async function main() {
  const config = loadConfig();
  const services = await startServices(config, log);
  const listening = await listen(services, config.port, config.host);
  {
    const url = config.publicUrl ?? listening.url;
    log.info(
      `ShareStack listening on ${url}  (database: ${services.store.describe}; real-time bus: ${services.realtime.bus.describe})`,
    );
    if (services.adminKeySource === 'env') log.info('Admin key: from SHARESTACK_ADMIN_KEY');
    else {
      const how = services.adminKeySource === 'generated' ? 'generated now' : 'generated earlier';
      log.info(
        `Admin key (${how}, kept in the database; set SHARESTACK_ADMIN_KEY to choose one): ${services.adminKey}`,
      );
    }
    if (config.devTokens) log.info(`Demo: ${url}/  (dev tokens on; SHARESTACK_DEV_TOKENS=0 turns them off)`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    // Open keep-alive connections would hold close() forever; give requests a moment, then go.
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    listening.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('shutting down failed', err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(`Configuration error: ${err.message}`);
  else console.error('ShareStack failed to start:', err);
  process.exit(1);
});
