import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectKind } from './database.js';

/**
 * The fan-out queue (issue 4): inbox work a follow or unfollow leaves for after its commit,
 * written in the same transaction so none is lost (see activity/fanout.ts). `push`: copy
 * activity `activity_id` into its author's followers' inboxes (`owner_id`, when set, is the last
 * follow id it got through); `backfill`: copy `author_id`'s recent activities into
 * `owner_id`'s inbox; `trim`: take an ended follow's rows out of `owner_id`'s inbox; `remove`:
 * delete activity `activity_id` and its inbox rows. `activities.comment_id` ties a `commented`
 * activity to its comment.
 *
 * The inbox key (site, owner, activity) becomes covering for the feed's scan and its join to
 * the live follow, without a second copy of the key: on SQLite feed_items is rebuilt WITHOUT
 * ROWID (the table is its key's B-tree, the author beside it); on PostgreSQL the key's unique
 * index INCLUDEs the author (index-only scans) and replaces the primary key.
 */
export function fanoutQueue(kind: DialectKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const table = db.schema.createTable('activity_jobs');
      await (kind === 'sqlite'
        ? table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        : table.addColumn('id', 'bigserial', (c) => c.primaryKey())
      )
        .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('activity_id', kind === 'sqlite' ? 'integer' : 'bigint')
        .addColumn('owner_id', 'text')
        .addColumn('author_id', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      // The comment a `commented` activity stands for, so deleting or hiding it removes it.
      await db.schema
        .alterTable('activities')
        .addColumn('comment_id', kind === 'sqlite' ? 'integer' : 'bigint')
        .execute();
      await db.schema.createIndex('activities_comment').on('activities').columns(['comment_id']).execute();

      if (kind === 'sqlite') {
        await sql`CREATE TABLE feed_items_new (
          site_id text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
          owner_id text NOT NULL,
          activity_id integer NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
          author_id text NOT NULL,
          CONSTRAINT feed_items_pk PRIMARY KEY (site_id, owner_id, activity_id)
        ) WITHOUT ROWID`.execute(db);
        await sql`INSERT INTO feed_items_new (site_id, owner_id, activity_id, author_id)
          SELECT site_id, owner_id, activity_id, author_id FROM feed_items`.execute(db);
        await sql`DROP TABLE feed_items`.execute(db);
        await sql`ALTER TABLE feed_items_new RENAME TO feed_items`.execute(db);
        await sql`CREATE INDEX feed_items_activity ON feed_items (activity_id)`.execute(db);
      } else {
        await sql`CREATE UNIQUE INDEX feed_items_inbox ON feed_items (site_id, owner_id, activity_id)
          INCLUDE (author_id)`.execute(db);
        await sql`ALTER TABLE feed_items DROP CONSTRAINT feed_items_pk`.execute(db);
      }
    },
  };
}
