import { expect, it } from 'vitest';
import { describeDialects, type Harness } from '../../test/harness.js';
import { socialFixture } from '../../test/social.js';
import { createSitesService } from '../sites/service.js';
import { createNotificationWorker, type WorkerOptions } from './worker.js';

const FANS = ['fan-e', 'fan-b', 'fan-d', 'fan-a', 'fan-c', 'fan-f', 'fan-g'];

/**
 * A site where FANS follow `star`, with the app's worker stopped: the triggers wait for the
 * workers a test makes (as several processes' workers on one database would).
 */
async function stage(h: Harness) {
  const f = await socialFixture(h);
  await f.join('star');
  for (const fan of FANS) {
    await f.join(fan);
    await f.follow(fan, 'star');
  }
  const { store, events } = h.services;
  await h.services.activity.settled();
  await h.services.notifications.worker.drain();
  await h.services.notifications.worker.close();
  const errors: unknown[] = [];
  const worker = (options: Partial<WorkerOptions> = {}) =>
    createNotificationWorker({
      store,
      events,
      sites: createSitesService(store),
      log: { info: () => {}, error: (m, e) => errors.push(e ?? m) },
      channels: { email: null, push: null },
      gatherMs: 0,
      pollMs: 3_600_000,
      ...options,
    });
  const triggers = () =>
    store.db
      .selectFrom('notification_triggers')
      .select(['id', 'event', 'attempts', 'lease_until', 'last_error'])
      .where('site_id', '=', f.site.id)
      .execute();
  /** How many notifications of `type` each of `users` has, as [user, count]. */
  const counts = async (type: string, users: string[]) => {
    const rows = await store.db
      .selectFrom('notifications')
      .select(['user_id'])
      .where('site_id', '=', f.site.id)
      .where('notification_type', '=', type)
      .execute();
    return users.map((u) => [u, rows.filter((r) => r.user_id === u).length]);
  };
  return { f, worker, errors, triggers, counts };
}

describeDialects('notification worker claims', (h) => {
  it('two workers on one database reach each follower once, page by page', async () => {
    const { f, worker, errors, triggers, counts } = await stage(h);
    await f.ok('POST', '/api/activity/publish/', 'star', { content_id: 'p1', content_title: 'One' }, 201);
    expect((await triggers()).map((t) => t.event)).toEqual(['creator.updated']);
    // Pages of two: the workers take turns at the fan-out, each page leased by one of them and
    // left alone by the other (on PostgreSQL they run at the same time, on SQLite interleaved).
    const a = worker({ fanoutPage: 2 });
    const b = worker({ fanoutPage: 2 });
    await Promise.all([a.drain(), b.drain()]);
    await Promise.all([a.drain(), b.drain()]);
    expect(await triggers()).toEqual([]);
    expect(await counts('content_update', [...FANS, 'star'])).toEqual([
      ...FANS.map((fan) => [fan, 1]),
      ['star', 0],
    ]);
    await Promise.all([a.close(), b.close()]);
    expect(errors).toEqual([]);
  });

  it('a failed round writes nothing: the bad trigger backs off with its attempt counted, the others are done', async () => {
    const { f, worker, errors, triggers, counts } = await stage(h);
    const db = h.services.store.db;
    const row = (payload: string) => ({
      site_id: f.site.id,
      event: 'follow.created',
      payload,
      created_at: new Date().toISOString(),
      lease_until: null,
      last_error: null,
      cursor: null,
      actor_id: 'fan-a',
    });
    await db.insertInto('notification_triggers').values(row('{not json')).execute();
    await f.join('newcomer');
    await f.follow('newcomer', 'star');
    const w = worker();
    const started = Date.now();
    await w.drain();
    // The good trigger, taken in the same batch, was done alone after the batch failed.
    expect(await counts('follow', ['star'])).toEqual([['star', FANS.length + 1]]);
    const left = await triggers();
    expect(left).toHaveLength(1);
    const bad = left[0]!;
    expect(Number(bad.attempts)).toBe(1);
    expect(bad.last_error).toMatch(/JSON/);
    // Backed off (2 s for a first attempt): not taken again meanwhile.
    expect(Date.parse(bad.lease_until!)).toBeGreaterThanOrEqual(started + 1_900);
    await w.drain();
    expect(Number((await triggers())[0]!.attempts)).toBe(1);
    await w.close();
    expect(errors).toHaveLength(1);
  });
});
