import { expect, it } from 'vitest';
import { describeDialects, type Harness } from '../../test/harness.js';
import { socialFixture } from '../../test/social.js';
import { createSitesService } from '../sites/service.js';
import { createNotificationWorker, type WorkerOptions } from './worker.js';

/**
 * `users` on a fresh site, and a worker of the test's own: the app's worker steps
 * aside, so this one is the only one taking triggers, woken here as the app's is on a commit.
 */
async function ownWorker(h: Harness, users: string[], options: Partial<WorkerOptions>) {
  const f = await socialFixture(h);
  for (const u of users) await f.join(u);
  const { store, events } = h.services;
  await h.services.notifications.worker.close();
  const errors: unknown[] = [];
  const worker = createNotificationWorker({
    store,
    events,
    sites: createSitesService(store),
    log: { info: () => {}, error: (m, e) => errors.push(e ?? m) },
    channels: { email: null, push: null },
    ...options,
  });
  const triggers = () =>
    store.db.selectFrom('notification_triggers').select('id').where('site_id', '=', f.site.id).execute();
  /** The actors of the notifications `user` got, by actor. */
  const notified = (user: string) =>
    store.db
      .selectFrom('notifications')
      .select(['actor_id', 'created_at'])
      .where('site_id', '=', f.site.id)
      .where('user_id', '=', user)
      .orderBy('actor_id')
      .execute();
  return { f, worker, errors, triggers, notified };
}

describeDialects('notification worker gathering', (h) => {
  it('handles the triggers of wakes within its gathering wait in one round; drain() does not wait it out', async () => {
    const { f, worker, errors, triggers, notified } = await ownWorker(h, ['star', 'fan-a', 'fan-b'], {
      gatherMs: 60_000,
    });
    await f.follow('fan-a', 'star');
    worker.wake();
    await f.follow('fan-b', 'star');
    worker.wake();
    // Still gathering: both triggers wait, committed.
    await new Promise((r) => setTimeout(r, 50));
    expect(await triggers()).toHaveLength(2);
    const started = performance.now();
    await worker.drain();
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(await triggers()).toEqual([]);
    const made = await notified('star');
    expect(made.map((n) => n.actor_id)).toEqual(['fan-a', 'fan-b']);
    // One round took both: its notifications carry the round's one clock reading.
    expect(made[0]!.created_at).toBe(made[1]!.created_at);
    await worker.close();
    expect(errors).toEqual([]);
  });

  it('comes round again for a trigger committed while it was at work, without polling', async () => {
    const { f, worker, errors, triggers, notified } = await ownWorker(h, ['idol', 'fan-c', 'fan-d'], {
      gatherMs: 0,
      pollMs: 3_600_000,
    });
    await f.follow('fan-c', 'idol');
    worker.wake();
    // Committed while the round for the first is under way: that round's claim may or may not
    // see it; the wake must bring the worker round again either way.
    await f.follow('fan-d', 'idol');
    worker.wake();
    for (let i = 0; i < 200 && (await triggers()).length > 0; i++)
      await new Promise((r) => setTimeout(r, 25));
    expect(await triggers()).toEqual([]);
    const made = await notified('idol');
    expect(made.map((n) => n.actor_id)).toEqual(['fan-c', 'fan-d']);
    await worker.close();
    expect(errors).toEqual([]);
  });
});
