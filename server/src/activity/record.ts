import type { ActivityType, ActivityVisibility } from '@sharestack/protocol';
import { type Insertable, sql } from 'kysely';
import { nowIso } from '../ids.js';
import type { Db } from '../store/db.js';
import { prepared } from '../store/prepared.js';
import type { ActivitiesTable } from '../store/schema.js';
import { enqueueFanout } from './fanout.js';
import { DEFAULT_ACTIVITY_VISIBILITY } from './privacy.js';

/**
 * Hybrid fan-out ("Feeding Frenzy", SIGMOD 2010, simplified to follower counts): an activity of
 * an author with fewer followers than this is pushed into every follower's inbox when written;
 * an author at or above it (a creator with a large audience) writes once and followers pull
 * the activity when they read their feed. Pushing keeps reads to one index range; pulling keeps
 * one write from turning into a million inbox rows.
 */
export const FANOUT_PULL_THRESHOLD = 1000;

export interface ActivityTargetRef {
  target_type: 'content' | 'user';
  target_id: string;
}

export interface RecordedActivity {
  id: number;
  site_id: string;
  user_id: string;
  activity_type: ActivityType;
  target_type: 'content' | 'user';
  target_id: string;
  visibility: ActivityVisibility;
  created_at: string;
  /** Followers who hold it in their inbox now and may see it; empty when pulled or private. */
  pushedTo: string[];
  pulled: boolean;
  /** Its push waits in the fan-out queue (see fanout.ts); the queue announces it when done. */
  deferred: boolean;
}

export interface FanoutOptions {
  pullThreshold?: number;
}

export interface RecordOptions extends FanoutOptions {
  /** Leave the push to the fan-out queue instead of doing it in this transaction. */
  defer?: boolean;
  /** The comment a `commented` activity stands for. */
  commentId?: number;
}

// Every comment, like and bookmark records an activity: its statements are compiled once.

/** The author's setting for this type (null: the default) and what decides push or pull. */
const authorQuery = prepared((db, p: { siteId: string; userId: string; type: ActivityType }) =>
  db.selectNoFrom((eb) => [
    eb
      .selectFrom('activity_privacy')
      .select('visibility')
      .where('site_id', '=', p.siteId)
      .where('user_id', '=', p.userId)
      .where('activity_type', '=', p.type)
      .as('visibility'),
    eb
      .selectFrom('users')
      .select('follower_count')
      .where('site_id', '=', p.siteId)
      .where('id', '=', p.userId)
      .as('follower_count'),
    eb
      .selectFrom('users')
      .select('pulls_activities')
      .where('site_id', '=', p.siteId)
      .where('id', '=', p.userId)
      .as('pulls_activities'),
  ]),
);

const insertActivity = prepared((db, p: Omit<Insertable<ActivitiesTable>, 'id'>) =>
  db.insertInto('activities').values(p).returning('id'),
);

/** Pushes an activity into the inbox of each of its author's followers. */
const pushToFollowers = prepared((db, p: { siteId: string; userId: string; id: number }) =>
  db
    .insertInto('feed_items')
    .columns(['site_id', 'owner_id', 'activity_id', 'author_id'])
    .expression((eb) =>
      eb
        .selectFrom('follows')
        .select([
          'site_id',
          'follower_id',
          sql<number>`cast(${p.id} as bigint)`.as('activity_id'),
          sql<string>`cast(${p.userId} as text)`.as('author_id'),
        ])
        .where('site_id', '=', p.siteId)
        .where('following_id', '=', p.userId),
    )
    .returning('owner_id'),
);

/**
 * Records one activity inside the caller's transaction and fans it out. The user row must
 * exist (callers upsert the actor first). Private activities are fanned out too: visibility is
 * checked at read time, so a later change of the user's setting applies to the past as well.
 */
export async function recordActivity(
  tx: Db,
  siteId: string,
  userId: string,
  type: ActivityType,
  target: ActivityTargetRef,
  { pullThreshold = FANOUT_PULL_THRESHOLD, defer = false, commentId }: RecordOptions = {},
): Promise<RecordedActivity> {
  const {
    rows: [author],
  } = await authorQuery(tx, { siteId, userId, type });
  const visibility =
    (author?.visibility as ActivityVisibility | null | undefined) ?? DEFAULT_ACTIVITY_VISIBILITY[type];
  const pulled = Number(author?.follower_count ?? 0) >= pullThreshold;
  const created_at = nowIso();
  const inserted = await insertActivity(tx, {
    site_id: siteId,
    user_id: userId,
    activity_type: type,
    target_type: target.target_type,
    target_id: target.target_id,
    visibility,
    pulled: pulled ? 1 : 0,
    created_at,
    comment_id: commentId ?? null,
  });
  const id = Number(inserted.rows[0]!.id);
  let owners: string[] = [];
  const deferred = defer && !pulled;
  if (deferred) {
    await enqueueFanout(tx, siteId, [{ kind: 'push', activityId: id }]);
  } else if (pulled) {
    if (Number(author?.pulls_activities ?? 0) === 0) {
      await tx
        .updateTable('users')
        .set({ pulls_activities: 1 })
        .where('site_id', '=', siteId)
        .where('id', '=', userId)
        .execute();
    }
  } else if (Number(author?.follower_count ?? 0) > 0) {
    // The count is kept with every follow and unfollow (social/graph.ts): with none, nobody's inbox gets it.
    const { rows } = await pushToFollowers(tx, { siteId, userId, id });
    owners = rows.map((r) => r.owner_id);
  }
  return {
    id,
    site_id: siteId,
    user_id: userId,
    activity_type: type,
    target_type: target.target_type,
    target_id: target.target_id,
    visibility,
    created_at,
    pushedTo: visibility === 'private' ? [] : owners,
    pulled,
    deferred,
  };
}

/** Ids of a user's activities of one type on one target. */
export async function activityIds(
  tx: Db,
  siteId: string,
  userId: string,
  type: ActivityType,
  target: ActivityTargetRef,
): Promise<number[]> {
  const rows = await tx
    .selectFrom('activities')
    .select('id')
    .where('site_id', '=', siteId)
    .where('target_type', '=', target.target_type)
    .where('target_id', '=', target.target_id)
    .where('user_id', '=', userId)
    .where('activity_type', '=', type)
    .execute();
  return rows.map((r) => Number(r.id));
}

/** Removes the `commented` activity of a comment that was deleted or hidden. */
export async function removeCommentActivity(tx: Db, siteId: string, commentId: number): Promise<boolean> {
  const rows = await tx
    .selectFrom('activities')
    .select('id')
    .where('comment_id', '=', commentId)
    .where('site_id', '=', siteId)
    .execute();
  if (rows.length === 0) return false;
  const list = rows.map((r) => Number(r.id));
  await tx.deleteFrom('feed_items').where('activity_id', 'in', list).execute();
  await tx.deleteFrom('activities').where('id', 'in', list).execute();
  return true;
}

/** Removes a user's activities of one type on one target (an unbookmark, an unlike). */
export async function removeActivities(
  tx: Db,
  siteId: string,
  userId: string,
  type: ActivityType,
  target: ActivityTargetRef,
): Promise<void> {
  const list = await activityIds(tx, siteId, userId, type, target);
  if (list.length === 0) return;
  await tx.deleteFrom('feed_items').where('activity_id', 'in', list).execute();
  await tx.deleteFrom('activities').where('id', 'in', list).execute();
}
