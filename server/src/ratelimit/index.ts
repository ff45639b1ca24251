export {
  type Actor,
  createRateLimits,
  type RateDecision,
  type RateLimitOptions,
  type RateLimits,
} from './limiter.js';
export { actorOf, clientIp, type RouteScopes, rateLimitRoutes } from './middleware.js';
export {
  type Allowance,
  DEFAULT_RULES,
  mergeRules,
  type RateRule,
  type RateRules,
  RateScope,
} from './rules.js';
