import { sql } from 'kysely';
import { enqueueFanout } from '../activity/fanout.js';
import { DEFAULT_ACTIVITY_VISIBILITY } from '../activity/privacy.js';
import { FANOUT_PULL_THRESHOLD } from '../activity/record.js';
import { upsertUser } from '../auth/users.js';
import type { Principal } from '../http/env.js';
import { nowIso } from '../ids.js';
import type { DialectKind } from '../store/database.js';
import type { Db } from '../store/db.js';
import { guardsBans, refuseBannedSqlite } from './ban-guard.js';
import { endFollowPg, startFollowPg } from './graph-pg.js';
import {
  countsOf,
  type FollowCounts,
  type FollowTarget,
  followable,
  followedActivity,
  type StartedFollow,
  toTarget,
} from './graph-rows.js';

export type { FollowCounts, StartedFollow };

/**
 * The follow graph's writes. A follow or unfollow is a handful of statements in the request's
 * transaction, and on PostgreSQL every statement is a round trip, so each write asks only what
 * it cannot know and merges what it can: on PostgreSQL the whole change is one statement
 * (graph-pg.ts); on SQLite, where a statement costs no round trip, the same steps run one by
 * one. Both write the same rows.
 */

/** Both counters in one statement, so the two rows lock in index order on PostgreSQL. */
async function bump(
  tx: Db,
  siteId: string,
  followerId: string,
  followingId: string,
  by: 1 | -1,
  pulls = false,
) {
  const rows = await tx
    .updateTable('users')
    .set({
      follower_count: sql`follower_count + CASE WHEN id = ${followingId} THEN ${sql.lit(by)} ELSE 0 END`,
      following_count: sql`following_count + CASE WHEN id = ${followerId} THEN ${sql.lit(by)} ELSE 0 END`,
      ...(pulls
        ? { pulls_activities: sql`CASE WHEN id = ${followerId} THEN 1 ELSE pulls_activities END` }
        : {}),
    })
    .where('site_id', '=', siteId)
    .where('id', 'in', [followerId, followingId])
    .returning(['id', 'follower_count', 'following_count'])
    .execute();
  return countsOf(rows.find((r) => r.id === followingId));
}

/** The target, the block check, the follower's `followed` setting and follower count, in one read. */
export async function readFollowTarget(
  tx: Db,
  siteId: string,
  followerId: string,
  followingId: string,
): Promise<FollowTarget | null> {
  const row = await tx
    .selectFrom('users as t')
    .select(['t.profile_visibility', 't.name', 't.avatar_url', 't.follower_count', 't.following_count'])
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom('blocks as b')
            .select('b.id')
            .where('b.site_id', '=', siteId)
            .where((w) =>
              w.or([
                w.and([w('b.blocker_id', '=', followerId), w('b.blocked_id', '=', followingId)]),
                w.and([w('b.blocker_id', '=', followingId), w('b.blocked_id', '=', followerId)]),
              ]),
            ),
        )
        .as('blocked'),
      eb
        .selectFrom('activity_privacy as p')
        .select('p.visibility')
        .where('p.site_id', '=', siteId)
        .where('p.user_id', '=', followerId)
        .where('p.activity_type', '=', 'followed')
        .as('visibility'),
      eb
        .selectFrom('users as v')
        .select('v.follower_count')
        .where('v.site_id', '=', siteId)
        .where('v.id', '=', followerId)
        .as('viewer_followers'),
    ])
    .where('t.site_id', '=', siteId)
    .where('t.id', '=', followingId)
    .executeTakeFirst();
  return row ? toTarget(row) : null;
}

/**
 * Starts a follow inside the caller's transaction: the follower's user row (created or
 * refreshed from the token, as every write does), the follow, both counters, the `followed`
 * activity and the queued inbox work (backfill of the follower's inbox, push of the activity to
 * the follower's followers; activity/fanout.ts). Null when the target does not exist; when it
 * may not be followed, nothing is written; a banned follower is refused (ban-guard.ts).
 */
export async function startFollow(
  tx: Db,
  kind: DialectKind,
  siteId: string,
  follower: Principal,
  followingId: string,
  pullThreshold = FANOUT_PULL_THRESHOLD,
): Promise<StartedFollow | null> {
  const now = nowIso();
  let result: StartedFollow | null;
  if (kind === 'postgres') {
    result = await startFollowPg(tx, siteId, follower, followingId, pullThreshold, now);
  } else {
    if (guardsBans(follower)) await refuseBannedSqlite(tx, siteId, follower.id);
    await upsertUser(tx, siteId, follower);
    result = await startFollowSqlite(tx, siteId, follower.id, followingId, pullThreshold, now);
  }
  // A follow that already existed may have been committed by a concurrent request while this
  // one waited on its key: count afresh, so the answer includes it.
  if (result && followable(result.target) && !result.started) {
    result.counts = await counts(tx, siteId, followingId);
  }
  return result;
}

async function startFollowSqlite(
  tx: Db,
  siteId: string,
  followerId: string,
  followingId: string,
  pullThreshold: number,
  now: string,
): Promise<StartedFollow | null> {
  const target = await readFollowTarget(tx, siteId, followerId, followingId);
  if (!target) return null;
  const unchanged = { target, started: false, counts: target, activity: null };
  if (!followable(target)) return unchanged;
  const inserted = await tx
    .insertInto('follows')
    .values({ site_id: siteId, follower_id: followerId, following_id: followingId, created_at: now })
    .onConflict((oc) => oc.columns(['site_id', 'follower_id', 'following_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return unchanged;
  const pulled = target.viewer_followers >= pullThreshold;
  const counts = await bump(tx, siteId, followerId, followingId, 1, pulled);
  const visibility = target.visibility ?? DEFAULT_ACTIVITY_VISIBILITY.followed;
  const activity = await tx
    .insertInto('activities')
    .values({
      site_id: siteId,
      user_id: followerId,
      activity_type: 'followed',
      target_type: 'user',
      target_id: followingId,
      visibility,
      pulled: pulled ? 1 : 0,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueueFanout(tx, siteId, [
    { kind: 'backfill', ownerId: followerId, authorId: followingId },
    ...(pulled ? [] : [{ kind: 'push' as const, activityId: Number(activity.id) }]),
  ]);
  return {
    target,
    started: true,
    counts,
    activity: followedActivity(siteId, followerId, followingId, {
      id: activity.id,
      visibility,
      pulled,
      created_at: now,
    }),
  };
}

/**
 * Ends a follow (unfollow or block) inside the caller's transaction: the followed user's counts
 * after it, or null when there was none. The `followed` activity disappears from every read at
 * once (reads show it only while its follow lasts) and is deleted with its inbox rows by the
 * fan-out queue after the commit, which also trims the author's rows from the former
 * follower's inbox (feed reads join the live follow, so they vanish from the feed at once).
 * With `guardBans` (an unfollow, not a block) a banned follower is refused (ban-guard.ts).
 */
export async function endFollow(
  tx: Db,
  kind: DialectKind,
  siteId: string,
  followerId: string,
  followingId: string,
  guardBans = false,
): Promise<FollowCounts | null> {
  const now = nowIso();
  if (kind === 'postgres') return endFollowPg(tx, siteId, followerId, followingId, now, guardBans);
  if (guardBans) await refuseBannedSqlite(tx, siteId, followerId);
  const removed = await tx
    .deleteFrom('follows')
    .where('site_id', '=', siteId)
    .where('follower_id', '=', followerId)
    .where('following_id', '=', followingId)
    .returning('id')
    .executeTakeFirst();
  if (!removed) return null;
  const after = await bump(tx, siteId, followerId, followingId, -1);
  await sql`INSERT INTO activity_jobs (site_id, kind, activity_id, owner_id, author_id, created_at)
    ${unfollowJobs(siteId, followerId, followingId, now)}`.execute(tx);
  return after;
}

/**
 * The jobs of an ended follow, as the rows of one INSERT: trim the inbox, remove each of its
 * `followed` activities (found by the insert itself, not by a read before it).
 */
const unfollowJobs = (siteId: string, followerId: string, followingId: string, now: string) => sql`
  SELECT ${siteId}, 'trim', NULL, ${followerId}, ${followingId}, ${now}
  UNION ALL
  SELECT site_id, 'remove', id, NULL, NULL, ${now} FROM activities
  WHERE site_id = ${siteId} AND user_id = ${followerId} AND activity_type = 'followed'
    AND target_type = 'user' AND target_id = ${followingId}`;

export async function counts(db: Db, siteId: string, userId: string): Promise<FollowCounts> {
  const row = await db
    .selectFrom('users')
    .select(['follower_count', 'following_count'])
    .where('site_id', '=', siteId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return countsOf(row);
}
