import { ErrorCode, type FollowStatus, type SocialUser } from '@sharestack/protocol';
import type { Events } from '../events.js';
import type { Principal } from '../http/env.js';
import { forbidden, notFound, ProblemError } from '../http/problem.js';
import type { SiteRecord } from '../sites/service.js';
import type { Store } from '../store/database.js';
import type { Db } from '../store/db.js';
import { guardsBans } from './ban-guard.js';
import { type Paging, pageOf, pageStart } from './cursor.js';
import { counts, endFollow, startFollow, userCounts } from './graph.js';
import { countsOf } from './graph-rows.js';
import { blocks, isFollowing, listedUserVisible, profileVisible, visibleUserOr404 } from './relations.js';
import { emitActivity, type SocialOptions, toActor } from './shared.js';

export function createFollows({ db, kind }: Store, events: Events, opts: SocialOptions) {
  /**
   * Whether the viewer follows the user, and the user's counts when the viewer may see their
   * profile (the counts are profile stats); a user nobody has heard of yet has none to hide.
   */
  async function status(
    tx: Db,
    siteId: string,
    viewerId: string | null,
    userId: string,
  ): Promise<FollowStatus> {
    const other = viewerId !== null && viewerId !== userId;
    const [row, following, blockedByUser] = await Promise.all([
      userCounts(tx, { siteId, userId }).then((r) => r.rows[0]),
      other ? isFollowing(tx, siteId, viewerId, userId) : false,
      other ? blocks(tx, siteId, userId, viewerId) : false,
    ]);
    const shown =
      !row ||
      profileVisible(
        viewerId,
        { id: userId, profile_visibility: row.profile_visibility },
        { viewerFollows: following, blockedByUser },
      );
    const c = shown ? countsOf(row) : { follower_count: null, following_count: null };
    return { user_id: userId, is_following: following, ...c };
  }

  /** Followers (`side` = following_id matches) or followings of `userId`, newest first. */
  async function list(
    site: SiteRecord,
    viewer: Principal | null,
    userId: string,
    side: 'followers' | 'following',
    paging: Paging,
  ): Promise<{ items: SocialUser[]; next_cursor: string | null }> {
    const viewerId = viewer?.id ?? null;
    await visibleUserOr404(db, site.id, viewerId, userId);
    const { before, offset } = pageStart(side, paging);
    const [match, other] =
      side === 'followers'
        ? (['f.following_id', 'f.follower_id'] as const)
        : (['f.follower_id', 'f.following_id'] as const);
    let q = db
      .selectFrom('follows as f')
      .innerJoin('users as u', (j) => j.onRef('u.site_id', '=', 'f.site_id').onRef('u.id', '=', other))
      .select(['f.id as fid', 'f.created_at as since', 'u.id', 'u.name', 'u.avatar_url', 'u.is_guest'])
      .select((eb) =>
        viewerId
          ? eb
              .exists(
                eb
                  .selectFrom('follows as mine')
                  .select('mine.id')
                  .where('mine.site_id', '=', site.id)
                  .where('mine.follower_id', '=', viewerId)
                  .whereRef('mine.following_id', '=', 'u.id'),
              )
              .as('viewer_follows')
          : eb.lit(0).as('viewer_follows'),
      )
      .where('f.site_id', '=', site.id)
      .where(match, '=', userId)
      .where((eb) => listedUserVisible(eb, site.id, viewerId))
      .orderBy('f.id', 'desc')
      .limit(paging.limit + 1);
    if (before !== null) q = q.where('f.id', '<', before);
    else if (offset > 0) q = q.offset(offset);
    const rows = await q.execute();
    return pageOf(
      side,
      rows,
      paging.limit,
      (r) => Number(r.fid),
      (r) => ({
        id: r.id,
        name: r.name,
        avatar_url: r.avatar_url,
        is_guest: Number(r.is_guest) === 1,
        since: r.since,
        is_following: Boolean(Number(r.viewer_follows)),
      }),
    );
  }

  return {
    status: (site: SiteRecord, viewer: Principal | null, userId: string) =>
      status(db, site.id, viewer?.id ?? null, userId),

    async follow(site: SiteRecord, viewer: Principal, userId: string): Promise<FollowStatus> {
      if (userId === viewer.id) {
        throw new ProblemError(422, ErrorCode.CannotFollowSelf, 'You cannot follow yourself.');
      }
      // The follow, exact counters, the `followed` activity, the queued inbox work and
      // follow.created (so its notification cannot be lost) commit together; the inbox writes
      // themselves happen after the commit (activity/fanout.ts). A banned follower is refused
      // here, not by the write guard (ban-guard.ts).
      const result = await events.transaction(db, async (tx, record) => {
        const follow = await startFollow(tx, kind, site.id, viewer, userId, opts.pullThreshold);
        if (follow?.target.blocked) {
          throw forbidden(ErrorCode.Blocked, 'One of you blocks the other, so you cannot follow.');
        }
        // A followers-only profile can be followed (that is how one sees it); a private one cannot.
        if (!follow || follow.target.profile_visibility === 'private') {
          throw notFound(ErrorCode.UserNotFound, 'There is no such user, or their profile is private.');
        }
        if (follow.started) {
          await record('follow.created', {
            siteId: site.id,
            follower: toActor(viewer),
            followingId: userId,
            followerCount: follow.counts.follower_count,
          });
        }
        return follow;
      });
      if (result.started) opts.queue?.kick();
      // A pushed activity is announced by the queue once it reached the inboxes.
      if (result.activity && !result.activity.deferred) {
        const { name, avatar_url } = result.target;
        emitActivity(events, result.activity, toActor(viewer), {
          target_type: 'user',
          target_id: userId,
          title: name,
          url: avatar_url,
        });
      }
      return { user_id: userId, is_following: true, ...result.counts };
    },

    async unfollow(site: SiteRecord, viewer: Principal, userId: string): Promise<FollowStatus> {
      const result = await events.transaction(db, async (tx, record) => {
        const ended = await endFollow(tx, kind, site.id, viewer.id, userId, guardsBans(viewer));
        if (ended) {
          await record('follow.deleted', {
            siteId: site.id,
            followerId: viewer.id,
            followingId: userId,
            followerCount: ended.follower_count,
          });
        }
        return { ended: ended !== null, counts: ended ?? (await counts(tx, site.id, userId)) };
      });
      if (result.ended) opts.queue?.kick();
      return { user_id: userId, is_following: false, ...result.counts };
    },

    followers: (site: SiteRecord, viewer: Principal | null, userId: string, paging: Paging) =>
      list(site, viewer, userId, 'followers', paging),
    following: (site: SiteRecord, viewer: Principal | null, userId: string, paging: Paging) =>
      list(site, viewer, userId, 'following', paging),
  };
}
