import {
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
} from 'kysely';
import type { DialectKind } from './database.js';
import { fanoutQueue } from './migration-fanout.js';
import { moderation } from './migration-moderation.js';
import {
  followsByFollower,
  groupsByComment,
  notificationIndexes,
  notificationTables,
  triggerActors,
} from './migration-notifications.js';
import { journalWithoutTimeIndex, realtimeJournal } from './migration-realtime.js';
import { contentsByAuthor, socialTables } from './migration-social.js';
import { unreadCounters } from './migration-unread.js';
import { contentVersions } from './migration-versions.js';

/**
 * Migrations live in code so the bundled CLI carries them; the dialect only changes how an
 * auto-incrementing 64-bit id is spelled.
 */
function initial(kind: DialectKind): Migration {
  const idType = kind === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<unknown>) {
      const id = <TB extends string>(t: CreateTableBuilder<TB, never>) =>
        kind === 'sqlite'
          ? t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
          : t.addColumn('id', 'bigserial', (c) => c.primaryKey());
      const siteRef = (c: ColumnDefinitionBuilder) => c.notNull().references('sites.id').onDelete('cascade');

      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sites')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('origins', 'text', (c) => c.notNull())
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('site_id', 'text', siteRef)
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('avatar_url', 'text')
        .addColumn('is_guest', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('users_pk', ['site_id', 'id'])
        .execute();

      await id(db.schema.createTable('contents'))
        .addColumn('site_id', 'text', siteRef)
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('title', 'text')
        .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('reaction_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('contents_site_key', ['site_id', 'key'])
        .execute();

      await id(db.schema.createTable('comments'))
        .addColumn('site_id', 'text', siteRef)
        .addColumn('content_ref', idType, (c) => c.notNull().references('contents.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('parent_comment_id', idType, (c) => c.references('comments.id').onDelete('cascade'))
        .addColumn('root_comment_id', idType, (c) => c.references('comments.id').onDelete('cascade'))
        .addColumn('depth', 'integer', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('comment_text', 'text', (c) => c.notNull())
        .addColumn('html', 'text', (c) => c.notNull())
        .addColumn('is_approved', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('is_deleted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('like_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ups', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('downs', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('best_score', 'double precision', (c) => c.notNull().defaultTo(0))
        .addColumn('hot_score', 'double precision', (c) => c.notNull().defaultTo(0))
        .addColumn('controversial_score', 'double precision', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('edited_at', 'text')
        .execute();

      // Top-level pages are keyset scans: (content, depth = 0, sort key, id).
      const sortColumns = ['like_count', 'best_score', 'hot_score', 'controversial_score'] as const;
      for (const col of sortColumns) {
        await db.schema
          .createIndex(`comments_top_${col}`)
          .on('comments')
          .columns(['content_ref', 'depth', col, 'id'])
          .execute();
      }
      await db.schema
        .createIndex('comments_top_id')
        .on('comments')
        .columns(['content_ref', 'depth', 'id'])
        .execute();
      await db.schema
        .createIndex('comments_root_path')
        .on('comments')
        .columns(['root_comment_id', 'path'])
        .execute();
      await db.schema.createIndex('comments_parent').on('comments').columns(['parent_comment_id']).execute();
      await db.schema
        .createIndex('comments_site_user')
        .on('comments')
        .columns(['site_id', 'user_id'])
        .execute();

      await db.schema
        .createTable('comment_mentions')
        .addColumn('site_id', 'text', siteRef)
        .addColumn('comment_id', idType, (c) => c.notNull().references('comments.id').onDelete('cascade'))
        .addColumn('handle', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('comment_mentions_pk', ['comment_id', 'handle'])
        .execute();
      await db.schema
        .createIndex('comment_mentions_handle')
        .on('comment_mentions')
        .columns(['site_id', 'handle'])
        .execute();

      await id(db.schema.createTable('reactions'))
        .addColumn('site_id', 'text', siteRef)
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', idType, (c) => c.notNull())
        .addColumn('reaction_type', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('reactions_one_per_user', ['site_id', 'user_id', 'target_type', 'target_id'])
        .execute();
      await db.schema
        .createIndex('reactions_target')
        .on('reactions')
        .columns(['site_id', 'target_type', 'target_id'])
        .execute();

      await db.schema
        .createTable('reaction_counts')
        .addColumn('site_id', 'text', siteRef)
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', idType, (c) => c.notNull())
        .addColumn('reaction_type', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('reaction_counts_pk', [
          'site_id',
          'target_type',
          'target_id',
          'reaction_type',
        ])
        .execute();
    },
  };
}

class InCodeProvider implements MigrationProvider {
  constructor(private readonly kind: DialectKind) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '0001_initial': initial(this.kind),
      '0002_content_versions': contentVersions(this.kind),
      '0003_realtime_journal': realtimeJournal(this.kind),
      '0004_social': socialTables(this.kind),
      '0005_moderation': moderation(this.kind),
      '0006_notifications': notificationTables(this.kind),
      '0007_fanout_queue': fanoutQueue(this.kind),
      '0008_notification_indexes': notificationIndexes(),
      '0009_trigger_actors': triggerActors(),
      '0010_journal_time_index': journalWithoutTimeIndex(),
      '0011_follows_by_follower': followsByFollower(),
      '0012_unread_counters': unreadCounters(this.kind),
      '0013_contents_by_author': contentsByAuthor(),
      '0014_notification_groups_by_comment': groupsByComment(),
    };
  }
}

export async function migrate(db: Kysely<unknown>, kind: DialectKind): Promise<void> {
  const migrator = new Migrator({ db, provider: new InCodeProvider(kind) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
}
