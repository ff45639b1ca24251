import { ErrorCode } from '@sharestack/protocol';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { ProblemError } from '../http/problem.js';
import { DEFAULT_RULES, type RateRules, type RateScope } from './rules.js';

/** Who is acting: limits apply per user (within a site) and per IP (across sites). */
export interface Actor {
  siteId: string;
  userId: string | null;
  ip: string | null;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number; limit: 'user' | 'ip' };

export interface RateLimits {
  /** Spends one request of the actor's allowance for `scope`; never throws for a full allowance. */
  take(scope: RateScope, actor: Actor): Promise<RateDecision>;
  /** `take`, throwing 429 problem+json with Retry-After when the allowance is spent. */
  enforce(scope: RateScope, actor: Actor): Promise<void>;
  /** Where counts live: `memory` or `redis`. */
  readonly backend: 'memory' | 'redis';
  close(): Promise<void>;
}

export interface RateLimitOptions {
  rules?: RateRules;
  /** Counts in Redis, shared by every process using the same Redis; memory otherwise. */
  redisUrl?: string | null;
  /** Key prefix in Redis (tests use their own). */
  prefix?: string;
}

type Limiter = RateLimiterMemory | RateLimiterRedis;

/**
 * Fixed-window counters from rate-limiter-flexible. With Redis every process counts against
 * the same keys (atomic INCR+EXPIRE in one script), so N servers enforce one limit; should
 * Redis be unreachable a per-process memory limiter stands in rather than failing requests.
 */
export function createRateLimits(opts: RateLimitOptions = {}): RateLimits {
  const rules = opts.rules ?? DEFAULT_RULES;
  const prefix = opts.prefix ?? 'ss:rl';
  const redis = opts.redisUrl
    ? new Redis(opts.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false })
    : null;
  // An unreachable Redis is reported by the insurance limiter taking over; ioredis retries in the background.
  redis?.on('error', () => {});
  const limiters = new Map<string, Limiter>();

  function limiter(scope: RateScope, dim: 'user' | 'ip'): Limiter {
    const key = `${scope}:${dim}`;
    let l = limiters.get(key);
    if (!l) {
      const [points, duration] = rules[scope][dim];
      const keyPrefix = `${prefix}:${key}`;
      const memory = new RateLimiterMemory({ keyPrefix, points, duration });
      l = redis
        ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration, insuranceLimiter: memory })
        : memory;
      limiters.set(key, l);
    }
    return l;
  }

  async function spend(scope: RateScope, dim: 'user' | 'ip', key: string): Promise<number | null> {
    try {
      await limiter(scope, dim).consume(key, 1);
      return null;
    } catch (rej) {
      if (rej instanceof RateLimiterRes) return Math.max(1, Math.ceil(rej.msBeforeNext / 1000));
      throw rej;
    }
  }

  const limits: RateLimits = {
    backend: redis ? 'redis' : 'memory',
    async take(scope, actor) {
      if (actor.userId !== null) {
        const wait = await spend(scope, 'user', `${actor.siteId}:${actor.userId}`);
        if (wait !== null) return { ok: false, retryAfterSeconds: wait, limit: 'user' };
      }
      if (actor.ip !== null) {
        const wait = await spend(scope, 'ip', actor.ip);
        if (wait !== null) return { ok: false, retryAfterSeconds: wait, limit: 'ip' };
      }
      return { ok: true };
    },
    async enforce(scope, actor) {
      const d = await limits.take(scope, actor);
      if (!d.ok) {
        const who = d.limit === 'user' ? 'you' : 'your network';
        throw new ProblemError(
          429,
          ErrorCode.RateLimited,
          `Too many ${scope.replace('_', ' ')} requests from ${who}; try again in ${d.retryAfterSeconds} s.`,
          undefined,
          { 'Retry-After': String(d.retryAfterSeconds) },
        );
      }
    },
    async close() {
      if (redis) await redis.quit().catch(() => redis.disconnect());
    },
  };
  return limits;
}
