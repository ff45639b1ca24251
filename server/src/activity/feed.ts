import type { Activity, FeedEntry } from '@sharestack/protocol';
import { type SqlBool, sql } from 'kysely';
import { encodeIdCursor, type Paging, pageStart } from '../social/cursor.js';
import { visibleUserIds } from '../social/relations.js';
import type { Db } from '../store/db.js';
import { type ActivityRow, presentActivities } from './present.js';

const LIST = 'feed';

/**
 * A `followed` activity counts only while its follow lasts: an unfollow hides it from every
 * read at once, and the fan-out queue deletes it (with its inbox rows) after the commit.
 */
export const whileFollowLasts = (alias: string) =>
  sql<SqlBool>`(${sql.ref(`${alias}.activity_type`)} <> 'followed' OR EXISTS (SELECT 1 FROM follows fl
    WHERE fl.site_id = ${sql.ref(`${alias}.site_id`)} AND fl.follower_id = ${sql.ref(`${alias}.user_id`)}
      AND fl.following_id = ${sql.ref(`${alias}.target_id`)}))`;
/** Rounds of reading more when privacy filters thin a page out. */
const MAX_ROUNDS = 4;

const activityColumns = [
  'a.id',
  'a.user_id',
  'a.activity_type',
  'a.target_type',
  'a.target_id',
  'a.visibility',
  'a.created_at',
] as const;

/**
 * The viewer's inbox (pushed activities) merged with the recent activities of followed
 * high-follower authors (pulled at read time), newest first, `before` an activity id.
 * Private activities, authors whose profile turned private and authors no longer followed
 * are skipped in SQL.
 */
async function candidates(
  db: Db,
  siteId: string,
  viewerId: string,
  before: number | null,
  n: number,
): Promise<ActivityRow[]> {
  let inbox = db
    .selectFrom('feed_items as f')
    .innerJoin('activities as a', 'a.id', 'f.activity_id')
    .select(activityColumns)
    .where('f.site_id', '=', siteId)
    .where('f.owner_id', '=', viewerId)
    .where('a.visibility', '!=', 'private')
    .where(whileFollowLasts('a'))
    // Only while the follow lasts (the queue trims an ended follow's rows just after its
    // commit). A probe per row on the inbox key, which holds the author: as a join, SQLite
    // would build a Bloom filter over the site's follows for every read.
    // (A scalar subquery: SQLite turns EXISTS into that join.)
    .where(
      (eb) =>
        eb(
          eb
            .selectFrom('follows as fo')
            .select(eb.lit(1).as('one'))
            .whereRef('fo.site_id', '=', 'f.site_id')
            .whereRef('fo.follower_id', '=', 'f.owner_id')
            .whereRef('fo.following_id', '=', 'f.author_id')
            .limit(1),
          '=',
          1,
        ) as never,
    )
    // Authors whose profile turned private: a probe per row too (as an anti-join, SQLite builds
    // a Bloom filter and PostgreSQL scans every user of the site).
    .where(
      (eb) =>
        eb(
          eb
            .selectFrom('users as u')
            .select(eb.lit(1).as('one'))
            .whereRef('u.site_id', '=', 'f.site_id')
            .whereRef('u.id', '=', 'f.author_id')
            .where('u.profile_visibility', '=', 'private')
            .limit(1),
          'is',
          null,
        ) as never,
    )
    .orderBy('f.activity_id', 'desc')
    .limit(n);
  if (before !== null) inbox = inbox.where('f.activity_id', '<', before);

  // The site's few pulling authors (index users_pull), each checked against the viewer's
  // follows — not the viewer's thousand follows each checked against users.
  const pulledAuthors = await db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.site_id', '=', siteId)
    .where('u.pulls_activities', '=', 1)
    .where('u.profile_visibility', '!=', 'private')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('follows as fo')
          .select('fo.id')
          .whereRef('fo.site_id', '=', 'u.site_id')
          .where('fo.follower_id', '=', viewerId)
          .whereRef('fo.following_id', '=', 'u.id'),
      ),
    )
    .execute();
  if (pulledAuthors.length === 0) return inbox.execute();

  // One bounded index range per pulled author — (site, user, pulled = 1, id < before), newest
  // first — sent with the inbox range as one UNION ALL statement: one round trip on PostgreSQL.
  const pulls = pulledAuthors.map(({ id: authorId }) => {
    let q = db
      .selectFrom('activities as a')
      .select(activityColumns)
      .where('a.site_id', '=', siteId)
      .where('a.user_id', '=', authorId)
      .where('a.pulled', '=', 1)
      .where('a.visibility', '!=', 'private')
      .where(whileFollowLasts('a'))
      .orderBy('a.id', 'desc')
      .limit(n);
    if (before !== null) q = q.where('a.id', '<', before);
    return q;
  });
  const [first, ...rest] = [inbox, ...pulls].map((q, i) => db.selectFrom(q.as(`p${i}`)).selectAll());
  const rows: ActivityRow[] = await rest.reduce((u, q) => u.unionAll(q), first!).execute();
  rows.sort((x, y) => Number(y.id) - Number(x.id));
  return rows.slice(0, n);
}

/** Activities about a user (`followed`) show only if the viewer may see that user. */
export async function withVisibleTargets(
  db: Db,
  siteId: string,
  viewerId: string | null,
  rows: ActivityRow[],
) {
  const userTargets = [...new Set(rows.filter((r) => r.target_type === 'user').map((r) => r.target_id))];
  if (userTargets.length === 0) return rows;
  const visible = await visibleUserIds(db, siteId, viewerId, userTargets);
  return rows.filter((r) => r.target_type !== 'user' || visible.has(r.target_id));
}

/**
 * Groups a page's activities of one type on one target into one entry ("Ann and 3 others
 * liked …"), placed where its newest activity was.
 */
export function aggregate(activities: Activity[]): FeedEntry[] {
  const byKey = new Map<string, FeedEntry>();
  const out: FeedEntry[] = [];
  const seenActors = new Map<string, Set<string>>();
  for (const a of activities) {
    const key = `${a.activity_type}\u0000${a.target_type}\u0000${a.target_id}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = {
        id: a.id,
        activity_type: a.activity_type,
        kind: a.activity_type === 'published' ? 'creator_update' : 'activity',
        target_type: a.target_type,
        target_id: a.target_id,
        target: a.target,
        actors: [],
        actor_count: 0,
        activity_ids: [],
        created_at: a.created_at,
      };
      byKey.set(key, entry);
      seenActors.set(key, new Set());
      out.push(entry);
    }
    entry.activity_ids.push(a.id);
    const seen = seenActors.get(key)!;
    if (!seen.has(a.user_id)) {
      seen.add(a.user_id);
      entry.actor_count++;
      if (entry.actors.length < 3) entry.actors.push(a.actor);
    }
  }
  return out;
}

export async function readFeed(
  db: Db,
  siteId: string,
  viewerId: string,
  paging: Paging,
): Promise<{ items: FeedEntry[]; next_cursor: string | null }> {
  const start = pageStart(LIST, paging);
  let before = start.before;
  if (start.offset > 0) {
    // The seed's page numbers: skip whole pages of raw activities (cursors are the fast path).
    const skipped = await candidates(db, siteId, viewerId, before, start.offset);
    if (skipped.length < start.offset) return { items: [], next_cursor: null };
    before = Number(skipped.at(-1)!.id);
  }
  const kept: ActivityRow[] = [];
  let exhausted = false;
  for (let round = 0; round < MAX_ROUNDS && kept.length < paging.limit; round++) {
    const want = paging.limit - kept.length;
    const rows = await candidates(db, siteId, viewerId, before, want + 1);
    exhausted = rows.length <= want;
    const batch = exhausted ? rows : rows.slice(0, want);
    if (batch.length === 0) break;
    before = Number(batch.at(-1)!.id);
    kept.push(...(await withVisibleTargets(db, siteId, viewerId, batch)));
    if (exhausted) break;
  }
  const activities = await presentActivities(db, siteId, kept);
  return {
    items: aggregate(activities),
    next_cursor: exhausted || before === null ? null : encodeIdCursor(LIST, before),
  };
}
