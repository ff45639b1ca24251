import type { NotificationList } from '@sharestack/protocol';
import { afterEach, expect, it } from 'vitest';
import { describeDialects } from '../../test/harness.js';
import { socialFixture } from '../../test/social.js';

// Followed in an order unlike their names: the fan-out walks followers by id, not by follow.
const FANS = ['fan-g', 'fan-b', 'fan-f', 'fan-a', 'fan-e', 'fan-c', 'fan-d'];

describeDialects(
  'creator updates fanned out in pages',
  (h) => {
    afterEach(() => expect(h.errors).toEqual([]));

    const setup = async () => {
      const f = await socialFixture(h);
      await f.join('star');
      for (const fan of FANS) {
        await f.join(fan);
        await f.ok('POST', '/api/social/follow/', fan, { user_id: 'star' });
      }
      const drain = async () => {
        await h.services.activity.settled();
        await h.services.notifications.worker.drain();
      };
      const updates = async (user: string) => {
        const list = await f.ok<NotificationList>('GET', '/api/notifications/?type=content_update', user);
        return list.items.map((i) => [i.content_id, i.count]);
      };
      return { ...f, drain, updates };
    };

    it('reaches every follower once, page by page', async () => {
      const f = await setup();
      await f.ok('POST', '/api/activity/publish/', 'star', { content_id: 'p1', content_title: 'One' }, 201);
      await f.drain();
      for (const fan of FANS) expect(await f.updates(fan), fan).toEqual([['p1', 1]]);
      expect(await f.updates('star')).toEqual([]);
      const left = await h.services.store.db.selectFrom('notification_triggers').select('id').execute();
      expect(left).toEqual([]);
    });

    it('resumes from its cursor, and starts over without doubles from one written before 0011', async () => {
      const f = await setup();
      const db = h.services.store.db;
      let announced: unknown = null;
      const off = h.services.events.on('creator.updated', (p) => {
        announced = p;
      });
      await f.ok('POST', '/api/activity/publish/', 'star', { content_id: 'p2', content_title: 'Two' }, 201);
      await f.drain();
      off();
      expect(announced).not.toBeNull();
      const resumeFrom = async (cursor: string, payload: unknown) => {
        await db
          .insertInto('notification_triggers')
          .values({
            site_id: f.site.id,
            event: 'creator.updated',
            payload: JSON.stringify(payload),
            created_at: new Date().toISOString(),
            lease_until: null,
            last_error: null,
            cursor,
            actor_id: 'star',
          })
          .execute();
        await f.drain();
      };

      // A fan-out an older version left half done (its cursor a follow id): everyone once.
      await resumeFrom('3', announced);
      for (const fan of FANS) expect(await f.updates(fan), fan).toEqual([['p2', 1]]);

      // A fan-out interrupted after fan-c (by id): the rest get it, those before are not asked.
      const p3 = structuredClone(announced) as { content: { content_id: string } };
      p3.content.content_id = 'p3';
      await resumeFrom('f:fan-c', p3);
      const got = [];
      for (const fan of [...FANS].sort()) {
        if ((await f.updates(fan)).some(([content]) => content === 'p3')) got.push(fan);
      }
      expect(got).toEqual(['fan-d', 'fan-e', 'fan-f', 'fan-g']);
    });
  },
  { notificationFanoutPage: 2 },
);
