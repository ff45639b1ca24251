import { sql } from 'kysely';
import { nowIso } from '../ids.js';
import type { DialectKind } from '../store/database.js';
import type { Db } from '../store/db.js';
import { sendAhead } from '../store/pipeline.js';
import { prepared, preparedVariants } from '../store/prepared.js';
import { pushSlicePg } from './fanout-pg.js';
import { presentActivities } from './present.js';

/** Inbox work a follow or unfollow leaves for after its commit (see fanout.ts). */
export type FanoutJob =
  | { kind: 'push'; activityId: number }
  | { kind: 'backfill'; ownerId: string; authorId: string }
  | { kind: 'trim'; ownerId: string; authorId: string }
  | { kind: 'remove'; activityId: number };

/** How many of a newly followed author's recent activities land in the new follower's inbox. */
export const BACKFILL_ON_FOLLOW = 20;

/** Adds jobs inside the caller's transaction; call `kick()` once it has committed. */
export async function enqueueFanout(tx: Db, siteId: string, jobs: FanoutJob[]): Promise<void> {
  if (jobs.length === 0) return;
  const params: Record<string, string | number | null> = { siteId, now: nowIso() };
  for (const [i, j] of jobs.entries()) {
    params[`kind${i}`] = j.kind;
    params[`activity${i}`] = 'activityId' in j ? j.activityId : null;
    params[`owner${i}`] = 'ownerId' in j ? j.ownerId : null;
    params[`author${i}`] = 'authorId' in j ? j.authorId : null;
  }
  await insertJobs(jobs.length)(tx, params);
}

const jobInsert = (n: number) =>
  prepared((db: Db, p: Record<string, string | number | null>) =>
    db.insertInto('activity_jobs').values(
      Array.from({ length: n }, (_, i) => ({
        site_id: p.siteId as string,
        kind: p[`kind${i}`] as FanoutJob['kind'],
        activity_id: p[`activity${i}`] as number | null,
        owner_id: p[`owner${i}`] as string | null,
        author_id: p[`author${i}`] as string | null,
        created_at: p.now as string,
      })),
    ),
  );

/** The insert of `n` jobs, prepared once per count (a follow queues two, a post one). */
const insertJobs = preparedVariants(jobInsert);

/** A push's cursor: the last follower reached, after this prefix. */
const FOLLOWER_CURSOR = 'f:';

/**
 * Copies an activity into the inboxes of up to `slice` of its author's followers after the
 * follower `after` names, in follower order (migration 0011's (site, following, follower) index
 * gives it without a sort): the inbox is keyed by owner, so a slice of neighbouring owners
 * writes a few index pages rather than one per row. Returns the cursor of the last follower
 * reached when some are left, else null. A cursor of another form (a follow id, from a job queued
 * before this order) starts over: inserts of rows already there are ignored.
 */
export async function push(
  tx: Db,
  kind: DialectKind,
  siteId: string,
  activityId: number,
  after: string | null,
  slice: number,
) {
  const from = after?.startsWith(FOLLOWER_CURSOR) ? after.slice(FOLLOWER_CURSOR.length) : null;
  if (kind === 'postgres') {
    const last = await pushSlicePg(tx, siteId, activityId, from, slice);
    return last === null ? null : FOLLOWER_CURSOR + last;
  }
  // One more than a slice tells whether another slice is needed, without asking again.
  const more = slice + 1;
  const found =
    from === null
      ? await followersFirst(tx, { activityId, siteId, more })
      : await followersAfter(tx, { activityId, siteId, more, from });
  const rows = found.rows.slice(0, slice);
  if (rows.length === 0) return null;
  await sendAhead(
    tx,
    tx
      .insertInto('feed_items')
      .values(
        rows.map((r) => ({
          site_id: r.site_id,
          owner_id: r.follower_id,
          activity_id: r.id,
          author_id: r.user_id,
        })),
      )
      // A follower who followed after the commit may have had it backfilled already.
      .onConflict((oc) => oc.columns(['site_id', 'owner_id', 'activity_id']).doNothing()),
  );
  return found.rows.length > slice ? FOLLOWER_CURSOR + rows.at(-1)!.follower_id : null;
}

/** The followers a slice of a push reaches (the first slice, or those after a cursor). */
const followers = (after: boolean) =>
  prepared((db, p: { activityId: number; siteId: string; more: number; from?: string }) =>
    db
      .selectFrom('activities as a')
      .innerJoin('follows as f', (j) =>
        j.onRef('f.site_id', '=', 'a.site_id').onRef('f.following_id', '=', 'a.user_id'),
      )
      .select(['a.site_id', 'f.follower_id', 'a.id', 'a.user_id'])
      .where('a.id', '=', p.activityId)
      .where('a.site_id', '=', p.siteId)
      .where('a.pulled', '=', 0)
      .$if(after, (q) => q.where('f.follower_id', '>', p.from!))
      .orderBy('f.follower_id')
      .limit(p.more),
  );
const followersFirst = followers(false);
const followersAfter = followers(true);

/**
 * A new follower's inbox gets the author's recent pushed activities (pulled ones are read
 * live), while the follow lasts: a follow ended before its backfill ran leaves nothing behind.
 */
export async function backfillInbox(tx: Db, siteId: string, ownerId: string, authorId: string) {
  await sendAhead(tx, backfillQuery.bind(tx, { siteId, ownerId, authorId }));
}

const backfillQuery = prepared((db, p: { siteId: string; ownerId: string; authorId: string }) =>
  db
    .insertInto('feed_items')
    .columns(['site_id', 'owner_id', 'activity_id', 'author_id'])
    .expression((eb) =>
      eb
        .selectFrom('activities')
        .select(['site_id', sql<string>`cast(${p.ownerId} as text)`.as('owner_id'), 'id', 'user_id'])
        .where('site_id', '=', p.siteId)
        .where('user_id', '=', p.authorId)
        .where('pulled', '=', 0)
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('follows')
              .select('id')
              .where('site_id', '=', p.siteId)
              .where('follower_id', '=', p.ownerId)
              .where('following_id', '=', p.authorId),
          ),
        )
        .orderBy('id', 'desc')
        .limit(BACKFILL_ON_FOLLOW),
    )
    .onConflict((oc) => oc.columns(['site_id', 'owner_id', 'activity_id']).doNothing()),
);

/** An ended follow's rows leave the former follower's inbox, unless the follow came back. */
export async function trim(tx: Db, siteId: string, ownerId: string, authorId: string) {
  await sendAhead(tx, trimQuery.bind(tx, { siteId, ownerId, authorId }));
}

const trimQuery = prepared((db, p: { siteId: string; ownerId: string; authorId: string }) =>
  db
    .deleteFrom('feed_items')
    .where('site_id', '=', p.siteId)
    .where('owner_id', '=', p.ownerId)
    .where('author_id', '=', p.authorId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('follows')
            .select('id')
            .where('site_id', '=', p.siteId)
            .where('follower_id', '=', p.ownerId)
            .where('following_id', '=', p.authorId),
        ),
      ),
    ),
);

export async function remove(tx: Db, siteId: string, activityId: number) {
  await sendAhead(tx, removeRows.bind(tx, { activityId }));
  await sendAhead(tx, removeActivity.bind(tx, { siteId, activityId }));
}

const removeRows = prepared((db, p: { activityId: number }) =>
  db.deleteFrom('feed_items').where('activity_id', '=', p.activityId),
);
const removeActivity = prepared((db, p: { siteId: string; activityId: number }) =>
  db.deleteFrom('activities').where('site_id', '=', p.siteId).where('id', '=', p.activityId),
);

/** Finished pushes of one site, with their wire form and audience, for `activity.created`. */
export async function pushedActivities(tx: Db, siteId: string, activityIds: number[]) {
  const rows = await tx
    .selectFrom('activities')
    .select([
      'id',
      'user_id',
      'activity_type',
      'target_type',
      'target_id',
      'visibility',
      'created_at',
      'pulled',
    ])
    .where('site_id', '=', siteId)
    .where('id', 'in', activityIds)
    .orderBy('id')
    .execute();
  const shared = rows.filter((r) => r.visibility !== 'private').map((r) => r.id);
  const owners = shared.length
    ? await tx
        .selectFrom('feed_items')
        .select(['activity_id', 'owner_id'])
        .where('activity_id', 'in', shared)
        .execute()
    : [];
  const ownersOf = new Map<number, string[]>();
  for (const o of owners) {
    const id = Number(o.activity_id);
    ownersOf.set(id, [...(ownersOf.get(id) ?? []), o.owner_id]);
  }
  const activities = await presentActivities(tx, siteId, rows);
  return rows.map((row, k) => ({
    activity: activities[k]!,
    audience: {
      authorId: row.user_id,
      visibility: row.visibility as 'public' | 'followers' | 'private',
      followerIds: (ownersOf.get(Number(row.id)) ?? []).sort(),
      pulled: Number(row.pulled) === 1,
    },
  }));
}
