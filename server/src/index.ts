export { type AppDeps, createApp, type Logger, type ShareStackApp } from './app.js';
export { createCommentsService } from './comments/service.js';
export { type Config, ConfigError, loadConfig } from './config.js';
export { createEvents, type DomainEvents, type Events } from './events.js';
export { baseSpamModel } from './moderation/classifier/model.js';
export { createModerationService, type ModerationService } from './moderation/service.js';
/** The columns a notification fan-out writes per recipient, in order (bench/notify-floor). */
export { GROUP_COLUMNS, NOTIFICATION_COLUMNS } from './notifications/persist.js';
export type { ExportActivity, PrivacySection } from './privacy/sections.js';
export {
  type Actor,
  createRateLimits,
  DEFAULT_RULES,
  type RateDecision,
  type RateLimits,
  RateScope,
} from './ratelimit/index.js';
export { createRealtime, type Realtime } from './realtime/index.js';
export { JOURNAL_COLUMNS } from './realtime/journal.js';
export { listen, type Services, startServices } from './server.js';
export { type DatabaseTarget, openStore, type Store } from './store/database.js';
