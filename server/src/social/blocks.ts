import { type BlockStatus, ErrorCode, type SocialUser } from '@sharestack/protocol';
import { upsertUser } from '../auth/users.js';
import type { Events } from '../events.js';
import type { Principal } from '../http/env.js';
import { notFound, ProblemError } from '../http/problem.js';
import { nowIso } from '../ids.js';
import type { SiteRecord } from '../sites/service.js';
import type { Store } from '../store/database.js';
import { transaction } from '../store/db.js';
import { type Paging, pageOf, pageStart } from './cursor.js';
import { endFollow } from './graph.js';
import type { SocialOptions } from './shared.js';

const LIST = 'blocks';

export function createBlocks({ db, kind }: Store, events: Events, opts: SocialOptions = {}) {
  return {
    /**
     * Blocks a user: follows between the two end (both ways), the blocked user's comments
     * disappear from the blocker's threads, and they can no longer follow, reply to or mention
     * the blocker. Blocking twice changes nothing.
     */
    async block(site: SiteRecord, viewer: Principal, userId: string): Promise<BlockStatus> {
      if (userId === viewer.id) {
        throw new ProblemError(422, ErrorCode.CannotBlockSelf, 'You cannot block yourself.');
      }
      const ended = await transaction(db, async (tx) => {
        await upsertUser(tx, site.id, viewer);
        const target = await tx
          .selectFrom('users')
          .select('id')
          .where('site_id', '=', site.id)
          .where('id', '=', userId)
          .executeTakeFirst();
        if (!target) throw notFound(ErrorCode.UserNotFound, 'There is no such user.');
        const inserted = await tx
          .insertInto('blocks')
          .values({ site_id: site.id, blocker_id: viewer.id, blocked_id: userId, created_at: nowIso() })
          .onConflict((oc) => oc.columns(['site_id', 'blocker_id', 'blocked_id']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) return null;
        const out: Array<{ followerId: string; followingId: string; followerCount: number }> = [];
        for (const [a, b] of [
          [viewer.id, userId],
          [userId, viewer.id],
        ] as const) {
          const ended = await endFollow(tx, kind, site.id, a, b);
          if (ended) out.push({ followerId: a, followingId: b, followerCount: ended.follower_count });
        }
        return out;
      });
      if (ended) {
        if (ended.length > 0) opts.queue?.kick();
        events.emit('block.created', { siteId: site.id, blockerId: viewer.id, blockedId: userId });
        for (const e of ended) events.emit('follow.deleted', { siteId: site.id, ...e });
      }
      return { user_id: userId, is_blocked: true };
    },

    async unblock(site: SiteRecord, viewer: Principal, userId: string): Promise<BlockStatus> {
      const removed = await db
        .deleteFrom('blocks')
        .where('site_id', '=', site.id)
        .where('blocker_id', '=', viewer.id)
        .where('blocked_id', '=', userId)
        .returning('id')
        .executeTakeFirst();
      if (removed) events.emit('block.deleted', { siteId: site.id, blockerId: viewer.id, blockedId: userId });
      return { user_id: userId, is_blocked: false };
    },

    /** Whom the viewer blocks, newest first. */
    async list(
      site: SiteRecord,
      viewer: Principal,
      paging: Paging,
    ): Promise<{ items: SocialUser[]; next_cursor: string | null }> {
      const { before, offset } = pageStart(LIST, paging);
      let q = db
        .selectFrom('blocks as b')
        .innerJoin('users as u', (j) =>
          j.onRef('u.site_id', '=', 'b.site_id').onRef('u.id', '=', 'b.blocked_id'),
        )
        .select(['b.id as bid', 'b.created_at as since', 'u.id', 'u.name', 'u.avatar_url', 'u.is_guest'])
        .where('b.site_id', '=', site.id)
        .where('b.blocker_id', '=', viewer.id)
        .orderBy('b.id', 'desc')
        .limit(paging.limit + 1);
      if (before !== null) q = q.where('b.id', '<', before);
      else if (offset > 0) q = q.offset(offset);
      const rows = await q.execute();
      return pageOf(
        LIST,
        rows,
        paging.limit,
        (r) => Number(r.bid),
        (r) => ({
          id: r.id,
          name: r.name,
          avatar_url: r.avatar_url,
          is_guest: Number(r.is_guest) === 1,
          since: r.since,
          is_following: false,
        }),
      );
    },
  };
}
