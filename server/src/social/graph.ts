import { sql } from 'kysely';
import { enqueueFanout } from '../activity/fanout.js';
import { DEFAULT_ACTIVITY_VISIBILITY } from '../activity/privacy.js';
import { FANOUT_PULL_THRESHOLD } from '../activity/record.js';
import { upsertUser } from '../auth/users.js';
import type { Principal } from '../http/env.js';
import { nowIso } from '../ids.js';
import type { DialectKind } from '../store/database.js';
import type { Db } from '../store/db.js';
import { prepared } from '../store/prepared.js';
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
  const { rows } = await bumps[`${by}${pulls ? ',pulls' : ''}`]!(tx, { siteId, followerId, followingId });
  return countsOf(rows.find((r) => r.id === followingId));
}

const bumpStatement = (by: 1 | -1, pulls: boolean) =>
  prepared((db: Db, p: { siteId: string; followerId: string; followingId: string }) =>
    db
      .updateTable('users')
      .set({
        follower_count: sql`follower_count + CASE WHEN id = ${p.followingId} THEN ${sql.lit(by)} ELSE 0 END`,
        following_count: sql`following_count + CASE WHEN id = ${p.followerId} THEN ${sql.lit(by)} ELSE 0 END`,
        ...(pulls
          ? { pulls_activities: sql`CASE WHEN id = ${p.followerId} THEN 1 ELSE pulls_activities END` }
          : {}),
      })
      .where('site_id', '=', p.siteId)
      .where('id', 'in', [p.followerId, p.followingId])
      .returning(['id', 'follower_count', 'following_count']),
  );
/** Prepared once each: a follow (that may start pulling the follower's activities), an unfollow. */
const bumps: Record<string, ReturnType<typeof bumpStatement>> = {
  '1': bumpStatement(1, false),
  '1,pulls': bumpStatement(1, true),
  '-1': bumpStatement(-1, false),
};

/** The target, the block check, the follower's `followed` setting and follower count, in one read. */
export async function readFollowTarget(
  tx: Db,
  siteId: string,
  followerId: string,
  followingId: string,
): Promise<FollowTarget | null> {
  const [row] = (await followTarget(tx, { siteId, followerId, followingId })).rows;
  return row ? toTarget(row) : null;
}

const followTarget = prepared((db: Db, p: { siteId: string; followerId: string; followingId: string }) =>
  db
    .selectFrom('users as t')
    .select(['t.profile_visibility', 't.name', 't.avatar_url', 't.follower_count', 't.following_count'])
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom('blocks as b')
            .select('b.id')
            .where('b.site_id', '=', p.siteId)
            .where((w) =>
              w.or([
                w.and([w('b.blocker_id', '=', p.followerId), w('b.blocked_id', '=', p.followingId)]),
                w.and([w('b.blocker_id', '=', p.followingId), w('b.blocked_id', '=', p.followerId)]),
              ]),
            ),
        )
        .as('blocked'),
      eb
        .selectFrom('activity_privacy as p')
        .select('p.visibility')
        .where('p.site_id', '=', p.siteId)
        .where('p.user_id', '=', p.followerId)
        .where('p.activity_type', '=', 'followed')
        .as('visibility'),
      eb
        .selectFrom('users as v')
        .select('v.follower_count')
        .where('v.site_id', '=', p.siteId)
        .where('v.id', '=', p.followerId)
        .as('viewer_followers'),
    ])
    .where('t.site_id', '=', p.siteId)
    .where('t.id', '=', p.followingId),
);

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
  const [inserted] = (await insertFollow(tx, { siteId, followerId, followingId, now })).rows;
  if (!inserted) return unchanged;
  const pulled = target.viewer_followers >= pullThreshold;
  const counts = await bump(tx, siteId, followerId, followingId, 1, pulled);
  const visibility = target.visibility ?? DEFAULT_ACTIVITY_VISIBILITY.followed;
  const activity = (
    await insertFollowed(tx, { siteId, followerId, followingId, visibility, pulled: pulled ? 1 : 0, now })
  ).rows[0]!;
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

type FollowKey = { siteId: string; followerId: string; followingId: string };

const insertFollow = prepared((db: Db, p: FollowKey & { now: string }) =>
  db
    .insertInto('follows')
    .values({ site_id: p.siteId, follower_id: p.followerId, following_id: p.followingId, created_at: p.now })
    .onConflict((oc) => oc.columns(['site_id', 'follower_id', 'following_id']).doNothing())
    .returning('id'),
);

const insertFollowed = prepared(
  (db: Db, p: FollowKey & { visibility: string; pulled: number; now: string }) =>
    db
      .insertInto('activities')
      .values({
        site_id: p.siteId,
        user_id: p.followerId,
        activity_type: 'followed',
        target_type: 'user',
        target_id: p.followingId,
        visibility: p.visibility,
        pulled: p.pulled,
        created_at: p.now,
      })
      .returning('id'),
);

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
  const [removed] = (await deleteFollow(tx, { siteId, followerId, followingId })).rows;
  if (!removed) return null;
  const after = await bump(tx, siteId, followerId, followingId, -1);
  await insertUnfollowJobs(tx, { siteId, followerId, followingId, now });
  return after;
}

const deleteFollow = prepared((db: Db, p: FollowKey) =>
  db
    .deleteFrom('follows')
    .where('site_id', '=', p.siteId)
    .where('follower_id', '=', p.followerId)
    .where('following_id', '=', p.followingId)
    .returning('id'),
);

/**
 * The jobs of an ended follow, as the rows of one INSERT: trim the inbox, remove each of its
 * `followed` activities (found by the insert itself, not by a read before it).
 */
const insertUnfollowJobs = prepared((db: Db, p: FollowKey & { now: string }) => {
  const statement = sql`INSERT INTO activity_jobs (site_id, kind, activity_id, owner_id, author_id, created_at)
    SELECT ${p.siteId}, 'trim', NULL, ${p.followerId}, ${p.followingId}, ${p.now}
    UNION ALL
    SELECT site_id, 'remove', id, NULL, NULL, ${p.now} FROM activities
    WHERE site_id = ${p.siteId} AND user_id = ${p.followerId} AND activity_type = 'followed'
      AND target_type = 'user' AND target_id = ${p.followingId}`;
  return { compile: () => statement.compile(db) };
});

export async function counts(db: Db, siteId: string, userId: string): Promise<FollowCounts> {
  return countsOf((await userCounts(db, { siteId, userId })).rows[0]);
}

/** A user's counters and profile visibility (who may see the counters: relations.ts). */
export const userCounts = prepared((db: Db, p: { siteId: string; userId: string }) =>
  db
    .selectFrom('users')
    .select(['follower_count', 'following_count', 'profile_visibility'])
    .where('site_id', '=', p.siteId)
    .where('id', '=', p.userId),
);
