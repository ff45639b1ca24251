import { expect, it } from 'vitest';
import { describeDialects } from '../../test/harness.js';
import { socialFixture } from '../../test/social.js';
import { createEvents, type DomainEvents, type Events } from '../events.js';
import { transaction } from '../store/db.js';
import { createFanoutQueue, enqueueFanout } from './fanout.js';

/** Events whose transactions are counted when they did queued work (the worker's step returns true). */
function countingEvents(): { events: Events; worked: () => number } {
  const events = createEvents();
  let worked = 0;
  const inner = events.transaction.bind(events);
  events.transaction = ((db, fn) =>
    inner(db, async (tx, record) => {
      const result = await fn(tx, record);
      if (result === true) worked++;
      return result;
    })) as Events['transaction'];
  return { events, worked: () => worked };
}

describeDialects('fan-out queue gathering', (h) => {
  it('does the jobs kicked within its gathering wait in one transaction; settled() does not wait it out', async () => {
    const f = await socialFixture(h);
    const fans = ['g1', 'g2', 'g3'];
    for (const u of ['ann', ...fans]) await f.join(u);
    for (const fan of fans) await f.follow(fan, 'ann');
    const { store } = h.services;
    const { db } = store;
    /** An activity of ann's, committed with its push job (as a request commits them). */
    const publish = (n: number) =>
      transaction(db, async (tx) => {
        const a = await tx
          .insertInto('activities')
          .values({
            site_id: f.site.id,
            user_id: 'ann',
            activity_type: 'published',
            target_type: 'content',
            target_id: `c${n}`,
            visibility: 'public',
            pulled: 0,
            created_at: new Date().toISOString(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await enqueueFanout(tx, f.site.id, [{ kind: 'push', activityId: Number(a.id) }]);
        return Number(a.id);
      });
    const inboxOf = async (ids: number[]) =>
      (
        await db
          .selectFrom('feed_items')
          .select(['owner_id', 'activity_id'])
          .where('site_id', '=', f.site.id)
          .where('activity_id', 'in', ids)
          .execute()
      ).length;
    const { events, worked } = countingEvents();
    const announced: Array<DomainEvents['activity.created']> = [];
    events.on('activity.created', (p) => announced.push(p));
    const errors: unknown[] = [];
    const queue = createFanoutQueue(store, events, { onError: (e) => errors.push(e), gatherMs: 60_000 });

    // A first round: the queue claims as many jobs as the last transaction got through, so it
    // starts small and grows (fanout.ts); after this round it takes three at once.
    const warm = [await publish(0)];
    queue.kick();
    warm.push(await publish(1));
    queue.kick();
    await queue.settled();
    expect(await inboxOf(warm)).toBe(2 * fans.length);

    const before = worked();
    const ids: number[] = [];
    for (let n = 2; n < 5; n++) {
      ids.push(await publish(n));
      queue.kick();
    }
    // Still gathering: nothing of it is done yet.
    await new Promise((r) => setTimeout(r, 50));
    expect(await inboxOf(ids)).toBe(0);
    const started = performance.now();
    await queue.settled();
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(await inboxOf(ids)).toBe(ids.length * fans.length);
    expect(worked() - before).toBe(1);
    expect(announced.filter((a) => ids.includes(Number(a.activity.id)))).toHaveLength(ids.length);
    await queue.close();
    expect(errors).toEqual([]);
    expect(
      await db.selectFrom('activity_jobs').select('id').where('site_id', '=', f.site.id).execute(),
    ).toEqual([]);
  });

  it('pushes to exactly a slice of followers and to those who already had the row, slice by slice', async () => {
    const f = await socialFixture(h);
    const fans = ['s1', 's2', 's3', 's4'];
    for (const u of ['bob', ...fans]) await f.join(u);
    for (const fan of fans) await f.follow(fan, 'bob');
    const { store } = h.services;
    const { db } = store;
    const id = await transaction(db, async (tx) => {
      const a = await tx
        .insertInto('activities')
        .values({
          site_id: f.site.id,
          user_id: 'bob',
          activity_type: 'published',
          target_type: 'content',
          target_id: 'x',
          visibility: 'public',
          pulled: 0,
          created_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // s2 got it already (a backfill that ran first): the push must neither fail nor double it.
      await tx
        .insertInto('feed_items')
        .values({ site_id: f.site.id, owner_id: 's2', activity_id: Number(a.id), author_id: 'bob' })
        .execute();
      await enqueueFanout(tx, f.site.id, [{ kind: 'push', activityId: Number(a.id) }]);
      return Number(a.id);
    });
    const announced: Array<DomainEvents['activity.created']> = [];
    const events = createEvents();
    events.on('activity.created', (p) => announced.push(p));
    const errors: unknown[] = [];
    // Four followers in slices of two, every transaction out of time: the cursor lands exactly
    // on the end of the followers once.
    const queue = createFanoutQueue(store, events, { onError: (e) => errors.push(e), slice: 2, budgetMs: 0 });
    queue.kick();
    await queue.close();
    expect(errors).toEqual([]);
    const owners = await db
      .selectFrom('feed_items')
      .select('owner_id')
      .where('activity_id', '=', id)
      .orderBy('owner_id')
      .execute();
    expect(owners.map((o) => o.owner_id)).toEqual(fans);
    expect(announced.map((a) => a.audience.followerIds)).toEqual([fans]);
  });
});
