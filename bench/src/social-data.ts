/**
 * Bulk data set of the social benchmark, built with set-based SQL (a recursive CTE on SQLite,
 * generate_series on PostgreSQL) so a million activities load in seconds. The rows are exactly
 * what the write path produces: activities of authors below the fan-out threshold copied into
 * each follower's inbox (feed_items), those of high-follower authors left to be pulled, exact
 * follower counters on users.
 */
import { type Kysely, sql } from 'kysely';

export const SHAPE = {
  authors: Number(process.env.BENCH_AUTHORS ?? 10_000),
  activities: Number(process.env.BENCH_ACTIVITIES ?? 1_000_000),
  /** Accounts the measured viewer follows. */
  followed: 1000,
  /** Of those, authors with ≥ 1,000 followers whose activities are pulled at read time. */
  celebrities: 10,
  celebrityFollowers: 1000,
  readers: 2000,
  /** Extra followers of every author besides the viewer (so pushes reach more than one inbox). */
  followersPerAuthor: 2,
  contents: 50_000,
} as const;

type Kind = 'sqlite' | 'postgres';

const series = (kind: Kind, n: number) =>
  sql.raw(
    kind === 'sqlite'
      ? `(WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${n - 1}) SELECT i FROM s)`
      : `(SELECT generate_series(0, ${n - 1}) AS i)`,
  );

/** `a0, a10, …`: the viewer follows every tenth author; the first ten of them are celebrities. */
const followedAuthor = (i: string) => `'a' || (${i} * 10)`;

export async function loadSocialData(
  db: Kysely<unknown>,
  kind: Kind,
  siteId: string,
  log: (m: string) => void,
): Promise<void> {
  const now = new Date().toISOString();
  const step = async (label: string, q: ReturnType<typeof sql>) => {
    const t0 = performance.now();
    await q.execute(db);
    log(`  ${label} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  };
  const { authors, activities, followed, celebrities, celebrityFollowers, readers, contents } = SHAPE;
  const users = (prefix: string, n: number) => sql`
    INSERT INTO users (site_id, id, name, avatar_url, is_guest, created_at, updated_at)
    SELECT ${siteId}, ${prefix} || i, ${`${prefix === 'a' ? 'Author' : 'Reader'} `} || i, NULL, 0, ${now}, ${now}
    FROM ${series(kind, n)} AS g`;
  await step(`${authors} authors`, users('a', authors));
  await step(`${readers} readers`, users('r', readers));
  await step(
    'viewer and mover',
    sql`INSERT INTO users (site_id, id, name, avatar_url, is_guest, created_at, updated_at)
        VALUES (${siteId}, 'viewer', 'Viewer', NULL, 0, ${now}, ${now}),
               (${siteId}, 'mover', 'Mover', NULL, 0, ${now}, ${now})`,
  );
  await step(
    `${contents} contents`,
    sql`INSERT INTO contents (site_id, key, url, title, comment_count, reaction_count, created_at)
        SELECT ${siteId}, 'c' || i, 'https://example.com/c' || i, 'Content ' || i, 0, 0, ${now}
        FROM ${series(kind, contents)} AS g`,
  );
  await step(
    `viewer follows ${followed}`,
    sql`INSERT INTO follows (site_id, follower_id, following_id, created_at)
        SELECT ${siteId}, 'viewer', ${sql.raw(followedAuthor('i'))}, ${now} FROM ${series(kind, followed)} AS g`,
  );
  await step(
    `${SHAPE.followersPerAuthor} reader followers per author`,
    sql`INSERT INTO follows (site_id, follower_id, following_id, created_at)
        SELECT ${siteId}, 'r' || ((i * 7 + k * 1009) % ${sql.lit(readers)}), 'a' || i, ${now}
        FROM ${series(kind, authors)} AS g CROSS JOIN (SELECT 0 AS k UNION ALL SELECT 1) AS ks
        WHERE 1 = 1
        ON CONFLICT DO NOTHING`,
  );
  await step(
    `${celebrities} celebrities with ${celebrityFollowers} followers`,
    sql`INSERT INTO follows (site_id, follower_id, following_id, created_at)
        SELECT ${siteId}, 'r' || r.i, ${sql.raw(followedAuthor('c.i'))}, ${now}
        FROM ${series(kind, celebrities)} AS c CROSS JOIN ${series(kind, celebrityFollowers)} AS r
        WHERE 1 = 1
        ON CONFLICT DO NOTHING`,
  );
  await step(
    '100 followers of the mover',
    sql`INSERT INTO follows (site_id, follower_id, following_id, created_at)
        SELECT ${siteId}, 'r' || i, 'mover', ${now} FROM ${series(kind, 100)} AS g`,
  );
  await step(
    'exact counters',
    sql`UPDATE users SET
          follower_count = (SELECT count(*) FROM follows f WHERE f.site_id = users.site_id AND f.following_id = users.id),
          following_count = (SELECT count(*) FROM follows f WHERE f.site_id = users.site_id AND f.follower_id = users.id),
          pulls_activities = CASE WHEN (SELECT count(*) FROM follows f WHERE f.site_id = users.site_id AND f.following_id = users.id) >= 1000 THEN 1 ELSE 0 END
        WHERE site_id = ${siteId}`,
  );
  // Numbers go in as literals: better-sqlite3 binds JS numbers as REAL, so 'a' || i would read 'a1.0'.
  // Author of activity i is a(i mod authors); a mix of types and a few private ones.
  await step(
    `${activities} activities`,
    sql`INSERT INTO activities (site_id, user_id, activity_type, target_type, target_id, visibility, pulled, created_at)
        SELECT ${siteId}, 'a' || (i % ${sql.lit(authors)}),
          CASE i % 4 WHEN 0 THEN 'liked' WHEN 1 THEN 'commented' WHEN 2 THEN 'published' ELSE 'liked' END,
          'content', 'c' || (i % ${sql.lit(contents)}),
          CASE WHEN i % 20 = 0 THEN 'private' WHEN i % 7 = 0 THEN 'followers' ELSE 'public' END,
          CASE WHEN i % ${sql.lit(authors)} < ${sql.lit(celebrities * 10)} AND i % 10 = 0 THEN 1 ELSE 0 END,
          ${now}
        FROM ${series(kind, activities)} AS g`,
  );
  await step(
    'fan-out on write of pushed activities',
    sql`INSERT INTO feed_items (site_id, owner_id, activity_id, author_id)
        SELECT a.site_id, f.follower_id, a.id, a.user_id
        FROM activities a JOIN follows f ON f.site_id = a.site_id AND f.following_id = a.user_id
        WHERE a.site_id = ${siteId} AND a.pulled = 0`,
  );
  await step('ANALYZE', sql`ANALYZE`);
}
