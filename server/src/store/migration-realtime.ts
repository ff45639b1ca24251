import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectKind } from './database.js';

/**
 * `realtime_events`: the journal of every event a socket may need to replay. Each topic has
 * its own gap-free sequence (`seq`), written in the transaction of the change it reports, so a
 * client that reconnects with `since` gets exactly what it missed, and a server process that
 * sees a gap (a pub/sub message lost) fills it from here.
 */
export function realtimeJournal(kind: DialectKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      let table = db.schema.createTable('realtime_events');
      table =
        kind === 'sqlite'
          ? table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
          : table.addColumn('id', 'bigserial', (c) => c.primaryKey());
      await table
        .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        // Whose action it was, so readers who block that user do not receive it.
        .addColumn('actor_id', 'text')
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('realtime_events_topic_seq')
        .on('realtime_events')
        .columns(['site_id', 'topic', 'seq'])
        .unique()
        .execute();
      await db.schema
        .createIndex('realtime_events_created')
        .on('realtime_events')
        .column('created_at')
        .execute();
      if (kind !== 'sqlite') await sql`ANALYZE realtime_events`.execute(db);
    },
  };
}

/**
 * The journal loses its `created_at` index: every journaled event (one per recipient in a
 * notification fan-out) paid for an entry in it, and only the pruner used it. Ids grow with
 * time (one writer at a time on SQLite; on PostgreSQL ids are taken at insert, moments apart),
 * so the pruner finds where "older than" ends by walking the primary key from the oldest row
 * to the first one young enough (`pruneEvents`).
 */
export function journalWithoutTimeIndex(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.dropIndex('realtime_events_created').execute();
    },
  };
}
