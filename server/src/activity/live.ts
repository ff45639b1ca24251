import { type Activity, RealtimeEvent } from '@sharestack/protocol';
import type { LiveAudience } from '../realtime/policy.js';
import { type Db, inChunks } from '../store/db.js';
import { whileFollowLasts } from './feed.js';

/**
 * Who may receive an activity live, decided when it is delivered, by the rules the reads apply
 * (timeline.ts, feed.ts): a follow, a block or a profile setting may have changed since the
 * activity was written, and a socket must not show what a reload would hide.
 *
 * Readers are user ids; `null` stands for anonymous readers.
 */

type Reader = string | null;

const truthy = (v: unknown) => v === true || Number(v) === 1;

/** Which of `ids` follow `userId`. */
async function followersAmong(db: Db, siteId: string, userId: string, ids: string[]): Promise<Set<string>> {
  const rows = await inChunks(ids, (chunk) =>
    db
      .selectFrom('follows')
      .select('follower_id')
      .where('site_id', '=', siteId)
      .where('following_id', '=', userId)
      .where('follower_id', 'in', chunk)
      .execute(),
  );
  return new Set(rows.map((r) => r.follower_id));
}

/** Which of `ids` `userId` blocks (`direction` 'by'), or block `userId` as well ('either'). */
async function blockedAmong(
  db: Db,
  siteId: string,
  userId: string,
  ids: string[],
  direction: 'by' | 'either',
): Promise<Set<string>> {
  const rows = await inChunks(ids, (chunk) =>
    db
      .selectFrom('blocks')
      .select(['blocker_id', 'blocked_id'])
      .where('site_id', '=', siteId)
      .where((eb) =>
        direction === 'by'
          ? eb.and([eb('blocker_id', '=', userId), eb('blocked_id', 'in', chunk)])
          : eb.or([
              eb.and([eb('blocker_id', '=', userId), eb('blocked_id', 'in', chunk)]),
              eb.and([eb('blocked_id', '=', userId), eb('blocker_id', 'in', chunk)]),
            ]),
      )
      .execute(),
  );
  return new Set(rows.map((r) => (r.blocker_id === userId ? r.blocked_id : r.blocker_id)));
}

/**
 * Of `readers`, those who may see user `userId` where a list or an activity names them
 * (`listedUserVisible`, for many readers at once): themselves; nobody where either blocks the
 * other; a public profile to everyone else, a followers-only one to followers.
 */
async function seeingUser(db: Db, siteId: string, userId: string, readers: Reader[]): Promise<Set<Reader>> {
  const out = new Set<Reader>(readers.filter((r) => r === userId));
  const user = await db
    .selectFrom('users')
    .select('profile_visibility')
    .where('site_id', '=', siteId)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.profile_visibility === 'private') return out;
  if (user.profile_visibility === 'public' && readers.includes(null)) out.add(null);
  const named = readers.filter((r): r is string => r !== null && r !== userId);
  if (named.length === 0) return out;
  const [blocked, followers] = await Promise.all([
    blockedAmong(db, siteId, userId, named, 'either'),
    user.profile_visibility === 'followers' ? followersAmong(db, siteId, userId, named) : new Set<string>(),
  ]);
  for (const r of named) {
    if (!blocked.has(r) && (user.profile_visibility === 'public' || followers.has(r))) out.add(r);
  }
  return out;
}

/** `followed` activities show only to readers who may see the user followed. */
async function withTarget(db: Db, siteId: string, a: Activity, readers: Set<Reader>): Promise<Set<Reader>> {
  if (a.target_type !== 'user' || readers.size === 0) return readers;
  return seeingUser(db, siteId, a.target_id, [...readers]);
}

/**
 * Of `readers` of `activity:user:{author}`, those who would see `a` on the author's timeline now
 * (readTimeline): the author; others while the profile is visible to them (public, or
 * followers-only and they follow, and the author does not block them), public activities to
 * everyone, followers-only ones to followers; an activity about a user only to readers who may
 * see that user; and nothing once the activity is gone.
 */
export async function timelineReaders(
  db: Db,
  siteId: string,
  a: Activity,
  readers: Reader[],
): Promise<Set<Reader>> {
  const author = a.user_id;
  // The activity as it is now: gone, or its visibility changed with its author's setting.
  const row = await db
    .selectFrom('activities as a')
    .innerJoin('users as u', (j) => j.onRef('u.site_id', '=', 'a.site_id').onRef('u.id', '=', 'a.user_id'))
    .select(['a.visibility', 'u.profile_visibility'])
    .where('a.site_id', '=', siteId)
    .where('a.id', '=', Number(a.id))
    .where(whileFollowLasts('a'))
    .executeTakeFirst();
  if (!row) return new Set();
  const named = readers.filter((r): r is string => r !== null && r !== author);
  const [follow, blockedByAuthor] = named.length
    ? await Promise.all([
        followersAmong(db, siteId, author, named),
        blockedAmong(db, siteId, author, named, 'by'),
      ])
    : [new Set<string>(), new Set<string>()];
  const out = new Set<Reader>();
  for (const r of readers) {
    if (r === author) {
      out.add(r);
      continue;
    }
    const follows = r !== null && follow.has(r);
    const profile =
      row.profile_visibility === 'public' || (row.profile_visibility === 'followers' && follows);
    const blocked = r !== null && blockedByAuthor.has(r);
    if (profile && !blocked && (row.visibility === 'public' || (row.visibility === 'followers' && follows))) {
      out.add(r);
    }
  }
  return withTarget(db, siteId, a, out);
}

/**
 * Of `owners`, those whose personal feed shows `a` now (readFeed): held in their inbox (pushed)
 * or by a high-follower author they follow (pulled), while they follow the author, who has not
 * made their profile private; never a private activity; an activity about a user only to
 * owners who may see that user.
 */
export async function feedReaders(
  db: Db,
  siteId: string,
  a: Activity,
  owners: string[],
): Promise<Set<string>> {
  if (owners.length === 0) return new Set();
  const id = Number(a.id);
  const row = await db
    .selectFrom('activities as a')
    .innerJoin('users as u', (j) => j.onRef('u.site_id', '=', 'a.site_id').onRef('u.id', '=', 'a.user_id'))
    .select(['a.pulled', 'u.profile_visibility', 'u.pulls_activities'])
    .where('a.site_id', '=', siteId)
    .where('a.id', '=', id)
    .where('a.visibility', '!=', 'private')
    .where(whileFollowLasts('a'))
    .executeTakeFirst();
  if (!row || row.profile_visibility === 'private') return new Set();
  let readers: string[] = [];
  if (Number(row.pulled) === 0) {
    const held = await inChunks(owners, (chunk) =>
      db
        .selectFrom('feed_items as f')
        .select('f.owner_id')
        .where('f.site_id', '=', siteId)
        .where('f.activity_id', '=', id)
        .where('f.owner_id', 'in', chunk)
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('follows as fo')
              .select('fo.id')
              .whereRef('fo.site_id', '=', 'f.site_id')
              .whereRef('fo.follower_id', '=', 'f.owner_id')
              .whereRef('fo.following_id', '=', 'f.author_id'),
          ),
        )
        .execute(),
    );
    readers = held.map((r) => r.owner_id);
  } else if (truthy(row.pulls_activities)) {
    readers = [...(await followersAmong(db, siteId, a.user_id, owners))];
  }
  const out = await withTarget(db, siteId, a, new Set(readers));
  return out as Set<string>;
}

/** The activity a live event of an activity topic carries, if it carries one. */
function activityOfEvent(ev: { event: string; data: string }): Activity | null {
  if (ev.event !== RealtimeEvent.Activity && ev.event !== RealtimeEvent.CreatorUpdate) return null;
  return (JSON.parse(ev.data) as { activity: Activity }).activity;
}

/** The hub's privacy checks at delivery for activity topics and personal feeds. */
export function createLiveAudience(db: Db): LiveAudience {
  return {
    check(siteId, topic, ev) {
      const a = topic.kind === 'activity' ? activityOfEvent(ev) : null;
      return a ? (readers) => timelineReaders(db, siteId, a, readers) : null;
    },
    feeds(siteId, ev) {
      // `creator_update` repeats the `activity` of the same publish.
      const a = ev.event === RealtimeEvent.Activity ? activityOfEvent(ev) : null;
      return a ? (owners) => feedReaders(db, siteId, a, owners) : null;
    },
  };
}
