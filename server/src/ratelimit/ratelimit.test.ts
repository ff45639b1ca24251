import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRateLimits, mergeRules, type RateLimits } from './index.js';

const rules = mergeRules({ comment: { user: [3, 60], ip: [5, 60] } });

async function redisReachable(url: string): Promise<string | null> {
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    retryStrategy: () => null,
  });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    probe.disconnect();
  }
}

const REDIS_URL = process.env.SHARESTACK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisProblem = await redisReachable(REDIS_URL);
if (redisProblem) {
  const message = `Redis at ${REDIS_URL} is unreachable (${redisProblem})`;
  if (process.env.SHARESTACK_REQUIRE_SERVICES === '1')
    throw new Error(`${message}; SHARESTACK_REQUIRE_SERVICES=1 requires it.`);
  console.warn(`\n⚠ ${message}: the Redis rate limit tests are SKIPPED.\n`);
}

describe('rate limits in memory', () => {
  const limits = createRateLimits({ rules });
  afterAll(() => limits.close());

  it('allows the allowance per user, then says how long to wait', async () => {
    const who = { siteId: 's1', userId: 'u', ip: null };
    for (let i = 0; i < 3; i++) expect(await limits.take('comment', who)).toEqual({ ok: true });
    const refused = await limits.take('comment', who);
    expect(refused).toMatchObject({ ok: false, limit: 'user' });
    expect(refused.ok === false && refused.retryAfterSeconds).toBeGreaterThan(55);
    // The same user id on another site, and another scope, are separate allowances.
    expect(await limits.take('comment', { ...who, siteId: 's2' })).toEqual({ ok: true });
    expect(await limits.take('reaction', who)).toEqual({ ok: true });
  });

  it('limits an address across users and sites', async () => {
    for (let i = 0; i < 5; i++) {
      expect(await limits.take('comment', { siteId: `s${i}`, userId: `u${i}`, ip: '10.9.9.9' })).toEqual({
        ok: true,
      });
    }
    expect(await limits.take('comment', { siteId: 'z', userId: 'new', ip: '10.9.9.9' })).toMatchObject({
      ok: false,
      limit: 'ip',
    });
  });

  it('throws 429 problems with Retry-After from enforce()', async () => {
    const who = { siteId: 'e', userId: 'u', ip: null };
    for (let i = 0; i < 3; i++) await limits.enforce('comment', who);
    await expect(limits.enforce('comment', who)).rejects.toMatchObject({
      status: 429,
      code: 'rate_limited',
      headers: { 'Retry-After': expect.stringMatching(/^\d+$/) },
    });
  });

  it('refuses malformed overrides', () => {
    expect(() => mergeRules({ nope: { user: [1, 1] } })).toThrow(/unknown/);
    expect(() => mergeRules({ comment: { user: [0, 60] } })).toThrow(/points, seconds/);
    expect(() => mergeRules({ comment: { everyone: [1, 60] } })).toThrow(/has no/);
    expect(() => mergeRules([1])).toThrow(/object/);
  });
});

describe.skipIf(redisProblem !== null)(
  `rate limits in Redis${redisProblem ? ` — skipped: ${redisProblem}` : ''}`,
  () => {
    const prefix = `ss:test:${randomBytes(6).toString('hex')}`;
    const made: RateLimits[] = [];
    const processLimits = () => {
      const l = createRateLimits({ rules, redisUrl: REDIS_URL, prefix });
      made.push(l);
      return l;
    };
    afterAll(async () => {
      const r = new Redis(REDIS_URL);
      const keys = await r.keys(`${prefix}*`);
      if (keys.length) await r.del(...keys);
      r.disconnect();
      await Promise.all(made.map((l) => l.close()));
    });

    it('holds one limit across processes sharing Redis', async () => {
      const a = processLimits();
      const b = processLimits();
      expect(a.backend).toBe('redis');
      // Wait for both connections, so the insurance (memory) limiter is not what answers.
      await new Promise((r) => setTimeout(r, 300));
      const who = { siteId: 'shared', userId: 'u', ip: null };
      const results = [];
      for (const l of [a, b, a, b, a, b]) results.push((await l.take('comment', who)).ok);
      expect(results).toEqual([true, true, true, false, false, false]);
      const r = new Redis(REDIS_URL);
      expect(await r.keys(`${prefix}:comment:user*`)).toHaveLength(1);
      r.disconnect();
    });
  },
);
