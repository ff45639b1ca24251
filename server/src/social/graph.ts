import { sql } from 'kysely';
import { enqueueFanout } from '../activity/fanout.js';
import { activityIds } from '../activity/record.js';
import { nowIso } from '../ids.js';
import type { Db } from '../store/db.js';

/** Both counters in one statement, so the two rows lock in index order on PostgreSQL. */
async function bump(tx: Db, siteId: string, followerId: string, followingId: string, by: 1 | -1) {
  await tx
    .updateTable('users')
    .set({
      follower_count: sql`follower_count + CASE WHEN id = ${followingId} THEN ${sql.lit(by)} ELSE 0 END`,
      following_count: sql`following_count + CASE WHEN id = ${followerId} THEN ${sql.lit(by)} ELSE 0 END`,
    })
    .where('site_id', '=', siteId)
    .where('id', 'in', [followerId, followingId])
    .execute();
}

/**
 * Starts a follow inside the caller's transaction; false when it already existed. Counters
 * move in the same transaction as the row, so they stay exact; the backfill of the new
 * follower's inbox is queued with it (activity/fanout.ts), for after the commit.
 */
export async function startFollow(tx: Db, siteId: string, followerId: string, followingId: string) {
  const inserted = await tx
    .insertInto('follows')
    .values({ site_id: siteId, follower_id: followerId, following_id: followingId, created_at: nowIso() })
    .onConflict((oc) => oc.columns(['site_id', 'follower_id', 'following_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  await bump(tx, siteId, followerId, followingId, 1);
  await enqueueFanout(tx, siteId, [{ kind: 'backfill', ownerId: followerId, authorId: followingId }]);
  return true;
}

/**
 * Ends a follow (unfollow or block) inside the caller's transaction; false when there was none.
 * The `followed` activity disappears from every read at once (reads show it only while its
 * follow lasts) and is deleted with its inbox rows by the fan-out queue after the commit.
 */
export async function endFollow(tx: Db, siteId: string, followerId: string, followingId: string) {
  const removed = await tx
    .deleteFrom('follows')
    .where('site_id', '=', siteId)
    .where('follower_id', '=', followerId)
    .where('following_id', '=', followingId)
    .returning('id')
    .executeTakeFirst();
  if (!removed) return false;
  await bump(tx, siteId, followerId, followingId, -1);
  // Feed reads join the live follow, so the author's rows vanish from the former follower's
  // feed at once; the queue trims them from the inbox after the commit.
  const followed = await activityIds(tx, siteId, followerId, 'followed', {
    target_type: 'user',
    target_id: followingId,
  });
  await enqueueFanout(tx, siteId, [
    { kind: 'trim', ownerId: followerId, authorId: followingId },
    ...followed.map((activityId) => ({ kind: 'remove' as const, activityId })),
  ]);
  return true;
}

export async function counts(db: Db, siteId: string, userId: string) {
  const row = await db
    .selectFrom('users')
    .select(['follower_count', 'following_count'])
    .where('site_id', '=', siteId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return {
    follower_count: Number(row?.follower_count ?? 0),
    following_count: Number(row?.following_count ?? 0),
  };
}
