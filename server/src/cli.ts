import { serve } from '@hono/node-server';
import type { Logger } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { startServices } from './server.js';

const log: Logger = {
  info: (msg) => console.log(msg),
  error: (msg, err) => console.error(msg, err),
};

async function main() {
  const config = loadConfig();
  const services = await startServices(config, log);
  const server = serve({ fetch: services.app.fetch, port: config.port, hostname: config.host }, (info) => {
    const url =
      config.publicUrl ??
      `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${info.port}`;
    log.info(`ShareStack listening on ${url}  (database: ${services.store.describe})`);
    if (services.adminKeySource === 'env') log.info('Admin key: from SHARESTACK_ADMIN_KEY');
    else {
      const how = services.adminKeySource === 'generated' ? 'generated now' : 'generated earlier';
      log.info(
        `Admin key (${how}, kept in the database; set SHARESTACK_ADMIN_KEY to choose one): ${services.adminKey}`,
      );
    }
    if (config.devTokens) log.info(`Demo: ${url}/  (dev tokens on; SHARESTACK_DEV_TOKENS=0 turns them off)`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    // Open keep-alive connections would hold close() forever; give requests a moment, then go.
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(async () => {
      await services.close().catch((err) => log.error('closing the database failed', err));
      process.exit(0);
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(`Configuration error: ${err.message}`);
  else console.error('ShareStack failed to start:', err);
  process.exit(1);
});
