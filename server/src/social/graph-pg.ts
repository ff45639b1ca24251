import { sql } from 'kysely';
import { DEFAULT_ACTIVITY_VISIBILITY } from '../activity/privacy.js';
import { userUpsert } from '../auth/users.js';
import type { Principal } from '../http/env.js';
import type { Db } from '../store/db.js';
import { prepared, preparedVariants } from '../store/prepared.js';
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
  const params: FollowParams = {
    siteId,
    followerId,
    followingId,
    now,
    guard: guardsBans(follower) ? 1 : 0,
    pullThreshold,
    fallback,
    name: u.name,
    avatarUrl: u.avatar_url,
    isGuest: u.is_guest,
    email: u.email,
  };
  // The columns the token's claims refresh (besides updated_at) name the statement's variant.
  const claimed = Object.keys(changes).filter((c) => c !== 'updated_at');
  for (const c of claimed) params[`set_${c}`] = changes[c as keyof typeof changes] ?? null;
  const { rows } = await followStatement(claimed.join(','))(tx, params);
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

type FollowParams = {
  siteId: string;
  followerId: string;
  followingId: string;
  now: string;
  /** 1 when a ban in force refuses the follower (ban-guard.ts). */
  guard: number;
  pullThreshold: number;
  fallback: string;
  name: string;
  avatarUrl: string | null;
  isGuest: number;
  email: string | null;
} & Record<`set_${string}`, string | null>;

/**
 * Prepared once per set of claimed columns the upsert refreshes (store/prepared.ts): built and
 * compiled by Kysely per call, this statement was the follow's largest piece of JavaScript.
 */
const followStatement = preparedVariants((claimed: string) =>
  buildFollow(claimed.split(',').filter(Boolean)),
);

const buildFollow = (claimed: string[]) =>
  prepared((db: Db, p: FollowParams) => {
    const refresh = sql.join([
      sql`updated_at = ${p.now}`,
      ...claimed.map((column) => sql`${sql.ref(column)} = ${p[`set_${column}`]}`),
    ]);
    // `t` is one row whether or not the target exists, so a banned user hears of the ban first.
    const statement = sql<FollowRow>`
    WITH t AS (
      SELECT u.profile_visibility, u.name, u.avatar_url, u.follower_count, u.following_count, ${banColumns},
        EXISTS (
          SELECT 1 FROM blocks b WHERE b.site_id = ${p.siteId}
            AND ((b.blocker_id = ${p.followerId} AND b.blocked_id = ${p.followingId})
              OR (b.blocker_id = ${p.followingId} AND b.blocked_id = ${p.followerId}))
        ) AS blocked,
        (SELECT p.visibility FROM activity_privacy p WHERE p.site_id = ${p.siteId}
          AND p.user_id = ${p.followerId} AND p.activity_type = 'followed') AS visibility,
        (SELECT v.follower_count FROM users v WHERE v.site_id = ${p.siteId} AND v.id = ${p.followerId})
          AS viewer_followers
      FROM (SELECT 1) AS one
      LEFT JOIN users u ON u.site_id = ${p.siteId} AND u.id = ${p.followingId}
      ${banJoin(p.siteId, p.followerId, p.now, p.guard)}
    ), f AS (
      INSERT INTO follows (site_id, follower_id, following_id, created_at)
      SELECT ${p.siteId}, ${p.followerId}, ${p.followingId}, ${p.now} FROM t
      WHERE t.ban_kind IS NULL AND NOT t.blocked AND t.profile_visibility <> 'private'
      ON CONFLICT (site_id, follower_id, following_id) DO NOTHING
      RETURNING id
    ), v AS (
      INSERT INTO users
        (site_id, id, name, avatar_url, is_guest, email, created_at, updated_at, following_count)
      SELECT ${p.siteId}, ${p.followerId}, ${p.name}, ${p.avatarUrl}, ${p.isGuest}, ${p.email}, ${p.now},
        ${p.now}, (SELECT count(*) FROM f)
      FROM t WHERE t.ban_kind IS NULL
      ON CONFLICT (site_id, id) DO UPDATE SET ${refresh},
        following_count = users.following_count + (SELECT count(*) FROM f),
        pulls_activities = CASE
          WHEN EXISTS (SELECT 1 FROM f)
            AND (SELECT coalesce(viewer_followers, 0) FROM t) >= ${p.pullThreshold}
          THEN 1 ELSE users.pulls_activities END
    ), c AS (
      UPDATE users SET follower_count = follower_count + 1
      WHERE site_id = ${p.siteId} AND id = ${p.followingId} AND EXISTS (SELECT 1 FROM f)
      RETURNING follower_count, following_count
    ), a AS (
      INSERT INTO activities
        (site_id, user_id, activity_type, target_type, target_id, visibility, pulled, created_at)
      SELECT ${p.siteId}, ${p.followerId}, 'followed', 'user', ${p.followingId},
        coalesce(t.visibility, ${p.fallback}),
        CASE WHEN coalesce(t.viewer_followers, 0) >= ${p.pullThreshold} THEN 1 ELSE 0 END, ${p.now}
      FROM f, t
      RETURNING id, visibility, pulled
    ), j AS (
      INSERT INTO activity_jobs (site_id, kind, activity_id, owner_id, author_id, created_at)
      SELECT ${p.siteId}, 'backfill', NULL::bigint, ${p.followerId}, ${p.followingId}, ${p.now} FROM f
      UNION ALL
      SELECT ${p.siteId}, 'push', a.id, NULL, NULL, ${p.now} FROM a WHERE a.pulled = 0
    )
    SELECT t.*, (SELECT id FROM f) AS follow_id, a.id AS activity_id,
      a.visibility AS activity_visibility,
      (SELECT follower_count FROM c) AS new_follower_count,
      (SELECT following_count FROM c) AS new_following_count
    FROM t LEFT JOIN a ON true`;
    return { compile: () => statement.compile(db) };
  });

/** `guardBans`: refuse a banned follower (an unfollow; a block ends follows whoever blocks). */
export async function endFollowPg(
  tx: Db,
  siteId: string,
  followerId: string,
  followingId: string,
  now: string,
  guardBans: boolean,
): Promise<FollowCounts | null> {
  const { rows } = await unfollowStatement(tx, {
    siteId,
    followerId,
    followingId,
    now,
    guard: guardBans ? 1 : 0,
  });
  const row = rows[0]!;
  refuseBanned(followerId, row);
  return row.follower_count === null
    ? null
    : { follower_count: Number(row.follower_count), following_count: Number(row.following_count) };
}

const unfollowStatement = prepared(
  (db: Db, p: { siteId: string; followerId: string; followingId: string; now: string; guard: number }) => {
    const statement = sql<BanColumns & { follower_count: number | null; following_count: number | null }>`
    WITH b AS (
      SELECT ${banColumns} FROM (SELECT 1) AS one ${banJoin(p.siteId, p.followerId, p.now, p.guard)}
    ), f AS (
      DELETE FROM follows
      WHERE site_id = ${p.siteId} AND follower_id = ${p.followerId} AND following_id = ${p.followingId}
        AND (SELECT ban_kind FROM b) IS NULL
      RETURNING id
    ), c AS (
      UPDATE users SET
        follower_count = follower_count - CASE WHEN id = ${p.followingId} THEN 1 ELSE 0 END,
        following_count = following_count - CASE WHEN id = ${p.followerId} THEN 1 ELSE 0 END
      WHERE site_id = ${p.siteId} AND id IN (${p.followerId}, ${p.followingId}) AND EXISTS (SELECT 1 FROM f)
      RETURNING id, follower_count, following_count
    ), j AS (
      INSERT INTO activity_jobs (site_id, kind, activity_id, owner_id, author_id, created_at)
      SELECT ${p.siteId}, 'trim', NULL::bigint, ${p.followerId}, ${p.followingId}, ${p.now} FROM f
      UNION ALL
      SELECT a.site_id, 'remove', a.id, NULL, NULL, ${p.now} FROM activities a
      WHERE EXISTS (SELECT 1 FROM f) AND a.site_id = ${p.siteId} AND a.user_id = ${p.followerId}
        AND a.activity_type = 'followed' AND a.target_type = 'user' AND a.target_id = ${p.followingId}
    )
    SELECT b.*, c.follower_count, c.following_count FROM b LEFT JOIN c ON c.id = ${p.followingId}`;
    return { compile: () => statement.compile(db) };
  },
);
