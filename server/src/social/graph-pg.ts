import { sql } from 'kysely';
import { DEFAULT_ACTIVITY_VISIBILITY } from '../activity/privacy.js';
import { userUpsert } from '../auth/users.js';
import type { Principal } from '../http/env.js';
import type { Db } from '../store/db.js';
import { reusePlan } from '../store/plans.js';
import { type BanColumns, banColumns, banJoin, guardsBans, refuseBanned } from './ban-guard.js';
import {
  type FollowCounts,
  type FollowTarget,
  followable,
  followedActivity,
  type StartedFollow,
  toTarget,
} from './graph-rows.js';

/**
 * The follow graph's writes on PostgreSQL, one statement each: every statement is a round trip
 * there, and a follow's dozen round trips were most of its latency. Data-modifying CTEs see
 * one snapshot and run as one statement; each step hangs off the one before (`FROM f`, `FROM a`),
 * so nothing is written when the follow is refused or already existed. The steps and rows are
 * those of the SQLite path in graph.ts. Each also reads the writer's ban (ban-guard.ts) and
 * writes nothing for a banned user: the write guard's read of its own was a third round trip.
 */

type FollowRow = BanColumns & {
  /** Null when there is no such user. */
  profile_visibility: string | null;
  name: string;
  avatar_url: string | null;
  follower_count: number;
  following_count: number;
  blocked: boolean;
  visibility: string | null;
  viewer_followers: number | null;
  follow_id: number | null;
  activity_id: number | null;
  activity_visibility: string | null;
  new_follower_count: number | null;
  new_following_count: number | null;
};

/**
 * The follower's user row is written here too (an upsert that also counts the follow): a
 * separate upsert was one more round trip, and one statement cannot update a row twice.
 */
export async function startFollowPg(
  tx: Db,
  siteId: string,
  follower: Principal,
  followingId: string,
  pullThreshold: number,
  now: string,
): Promise<StartedFollow | null> {
  const fallback = DEFAULT_ACTIVITY_VISIBILITY.followed;
  const followerId = follower.id;
  const { values: u, changes } = userUpsert(siteId, follower, now);
  const refresh = sql.join(
    Object.entries(changes).map(([column, value]) => sql`${sql.ref(column)} = ${value}`),
  );
  // `t` is one row whether or not the target exists, so a banned user hears of the ban first.
  const statement = sql<FollowRow>`
    WITH t AS (
      SELECT u.profile_visibility, u.name, u.avatar_url, u.follower_count, u.following_count, ${banColumns},
        EXISTS (
          SELECT 1 FROM blocks b WHERE b.site_id = ${siteId}
            AND ((b.blocker_id = ${followerId} AND b.blocked_id = ${followingId})
              OR (b.blocker_id = ${followingId} AND b.blocked_id = ${followerId}))
        ) AS blocked,
        (SELECT p.visibility FROM activity_privacy p WHERE p.site_id = ${siteId}
          AND p.user_id = ${followerId} AND p.activity_type = 'followed') AS visibility,
        (SELECT v.follower_count FROM users v WHERE v.site_id = ${siteId} AND v.id = ${followerId})
          AS viewer_followers
      FROM (SELECT 1) AS one
      LEFT JOIN users u ON u.site_id = ${siteId} AND u.id = ${followingId}
      ${banJoin(siteId, followerId, now, guardsBans(follower))}
    ), f AS (
      INSERT INTO follows (site_id, follower_id, following_id, created_at)
      SELECT ${siteId}, ${followerId}, ${followingId}, ${now} FROM t
      WHERE t.ban_kind IS NULL AND NOT t.blocked AND t.profile_visibility <> 'private'
      ON CONFLICT (site_id, follower_id, following_id) DO NOTHING
      RETURNING id
    ), v AS (
      INSERT INTO users
        (site_id, id, name, avatar_url, is_guest, email, created_at, updated_at, following_count)
      SELECT ${u.site_id}, ${u.id}, ${u.name}, ${u.avatar_url}, ${u.is_guest}, ${u.email}, ${u.created_at},
        ${u.updated_at}, (SELECT count(*) FROM f)
      FROM t WHERE t.ban_kind IS NULL
      ON CONFLICT (site_id, id) DO UPDATE SET ${refresh},
        following_count = users.following_count + (SELECT count(*) FROM f),
        pulls_activities = CASE
          WHEN EXISTS (SELECT 1 FROM f)
            AND (SELECT coalesce(viewer_followers, 0) FROM t) >= ${pullThreshold}
          THEN 1 ELSE users.pulls_activities END
    ), c AS (
      UPDATE users SET follower_count = follower_count + 1
      WHERE site_id = ${siteId} AND id = ${followingId} AND EXISTS (SELECT 1 FROM f)
      RETURNING follower_count, following_count
    ), a AS (
      INSERT INTO activities
        (site_id, user_id, activity_type, target_type, target_id, visibility, pulled, created_at)
      SELECT ${siteId}, ${followerId}, 'followed', 'user', ${followingId},
        coalesce(t.visibility, ${fallback}),
        CASE WHEN coalesce(t.viewer_followers, 0) >= ${pullThreshold} THEN 1 ELSE 0 END, ${now}
      FROM f, t
      RETURNING id, visibility, pulled
    ), j AS (
      INSERT INTO activity_jobs (site_id, kind, activity_id, owner_id, author_id, created_at)
      SELECT ${siteId}, 'backfill', NULL::bigint, ${followerId}, ${followingId}, ${now} FROM f
      UNION ALL
      SELECT ${siteId}, 'push', a.id, NULL, NULL, ${now} FROM a WHERE a.pulled = 0
    )
    SELECT t.*, (SELECT id FROM f) AS follow_id, a.id AS activity_id,
      a.visibility AS activity_visibility,
      (SELECT follower_count FROM c) AS new_follower_count,
      (SELECT following_count FROM c) AS new_following_count
    FROM t LEFT JOIN a ON true`;
  // Planned once per connection (store/plans.ts): planning it was more server time than running it.
  const { rows } = await tx.executeQuery(reusePlan(statement.compile(tx)));
  const row = rows[0]!;
  refuseBanned(followerId, row);
  if (row.profile_visibility === null) return null;
  const target: FollowTarget = toTarget({ ...row, profile_visibility: row.profile_visibility });
  if (!followable(target) || row.follow_id === null || row.activity_id === null) {
    return { target, started: false, counts: target, activity: null };
  }
  const counts: FollowCounts = {
    follower_count: Number(row.new_follower_count),
    following_count: Number(row.new_following_count),
  };
  const activity = followedActivity(siteId, followerId, followingId, {
    id: row.activity_id,
    visibility: row.activity_visibility ?? fallback,
    pulled: target.viewer_followers >= pullThreshold,
    created_at: now,
  });
  return { target, started: true, counts, activity };
}

/** `guardBans`: refuse a banned follower (an unfollow; a block ends follows whoever blocks). */
export async function endFollowPg(
  tx: Db,
  siteId: string,
  followerId: string,
  followingId: string,
  now: string,
  guardBans: boolean,
): Promise<FollowCounts | null> {
  const statement = sql<BanColumns & { follower_count: number | null; following_count: number | null }>`
    WITH b AS (
      SELECT ${banColumns} FROM (SELECT 1) AS one ${banJoin(siteId, followerId, now, guardBans)}
    ), f AS (
      DELETE FROM follows
      WHERE site_id = ${siteId} AND follower_id = ${followerId} AND following_id = ${followingId}
        AND (SELECT ban_kind FROM b) IS NULL
      RETURNING id
    ), c AS (
      UPDATE users SET
        follower_count = follower_count - CASE WHEN id = ${followingId} THEN 1 ELSE 0 END,
        following_count = following_count - CASE WHEN id = ${followerId} THEN 1 ELSE 0 END
      WHERE site_id = ${siteId} AND id IN (${followerId}, ${followingId}) AND EXISTS (SELECT 1 FROM f)
      RETURNING id, follower_count, following_count
    ), j AS (
      INSERT INTO activity_jobs (site_id, kind, activity_id, owner_id, author_id, created_at)
      SELECT ${siteId}, 'trim', NULL::bigint, ${followerId}, ${followingId}, ${now} FROM f
      UNION ALL
      SELECT a.site_id, 'remove', a.id, NULL, NULL, ${now} FROM activities a
      WHERE EXISTS (SELECT 1 FROM f) AND a.site_id = ${siteId} AND a.user_id = ${followerId}
        AND a.activity_type = 'followed' AND a.target_type = 'user' AND a.target_id = ${followingId}
    )
    SELECT b.*, c.follower_count, c.following_count FROM b LEFT JOIN c ON c.id = ${followingId}`;
  const { rows } = await tx.executeQuery(reusePlan(statement.compile(tx)));
  const row = rows[0]!;
  refuseBanned(followerId, row);
  return row.follower_count === null
    ? null
    : { follower_count: Number(row.follower_count), following_count: Number(row.following_count) };
}
