export { type AppDeps, createApp, type Logger, type ShareStackApp } from './app.js';
export { type Config, ConfigError, loadConfig } from './config.js';
export { createEvents, type DomainEvents, type Events } from './events.js';
export { createRealtime, type Realtime } from './realtime/index.js';
export { listen, type Services, startServices } from './server.js';
export { type DatabaseTarget, openStore, type Store } from './store/database.js';
