import { sql } from 'kysely';
import type { Db } from '../store/db.js';
import { prepared } from '../store/prepared.js';

/**
 * A slice of a push on PostgreSQL, in one statement: the followers are read and their inbox
 * rows written by the server (`INSERT … SELECT`), and only the cursor comes back. Sending the
 * slice's rows to the process and back as a `VALUES` list cost both sides more than the writes
 * (a hundred rows built, serialised, parsed and planned per follow), and a round trip besides.
 * The rows, their order and the cursor are those of the SQLite path (fanout-jobs.ts).
 */
const pushSlice = (after: boolean) =>
  prepared(
    (db: Db, p: { activityId: number; siteId: string; more: number; slice: number; from?: string }) => {
      const statement = sql<{ last: string | null }>`
      WITH s AS (
        SELECT a.site_id, f.follower_id, a.id, a.user_id
        FROM activities a
        JOIN follows f ON f.site_id = a.site_id AND f.following_id = a.user_id
        WHERE a.id = ${p.activityId} AND a.site_id = ${p.siteId} AND a.pulled = 0
          ${after ? sql`AND f.follower_id > ${p.from}` : sql``}
        ORDER BY f.follower_id
        LIMIT ${p.more}
      ), w AS (
        INSERT INTO feed_items (site_id, owner_id, activity_id, author_id)
        SELECT site_id, follower_id, id, user_id FROM s ORDER BY follower_id LIMIT ${p.slice}
        -- A follower who followed after the commit may have had it backfilled already.
        ON CONFLICT (site_id, owner_id, activity_id) DO NOTHING
      )
      SELECT CASE WHEN (SELECT count(*) FROM s) > ${p.slice} THEN
        (SELECT follower_id FROM s ORDER BY follower_id OFFSET ${p.slice} - 1 LIMIT 1)
      END AS last`;
      return { compile: () => statement.compile(db) };
    },
  );
const pushFirst = pushSlice(false);
const pushAfter = pushSlice(true);

/**
 * Writes the inbox rows of up to `slice` followers of the activity's author after `from` (all
 * from the first when null); returns the last follower reached when more are left, else null.
 */
export async function pushSlicePg(
  tx: Db,
  siteId: string,
  activityId: number,
  from: string | null,
  slice: number,
): Promise<string | null> {
  const p = { activityId, siteId, more: slice + 1, slice };
  const { rows } = from === null ? await pushFirst(tx, p) : await pushAfter(tx, { ...p, from });
  return rows[0]?.last ?? null;
}
