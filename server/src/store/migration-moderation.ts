import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';
import type { DialectKind } from './database.js';

/**
 * Moderation queue, reports, bans, audit log and the per-site spam counts; a shadow flag on
 * comments and an anonymity flag on reactions. Changes moderation makes to comment rows
 * (approval, shadowing) bump `contents.version` through the comment triggers of 0002.
 */
export function moderation(kind: DialectKind): Migration {
  const idType = kind === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<unknown>) {
      const siteRef = (c: ColumnDefinitionBuilder) => c.notNull().references('sites.id').onDelete('cascade');
      const commentRef = (c: ColumnDefinitionBuilder) =>
        c.notNull().references('comments.id').onDelete('cascade');

      await db.schema
        .alterTable('comments')
        .addColumn('is_shadowed', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('reactions')
        .addColumn('is_anonymous', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();

      const items = db.schema.createTable('moderation_items');
      await (kind === 'sqlite'
        ? items.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        : items.addColumn('id', 'bigserial', (c) => c.primaryKey())
      )
        .addColumn('site_id', 'text', siteRef)
        .addColumn('comment_id', idType, commentRef)
        .addColumn('content_ref', idType, (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('priority_rank', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('verdict', 'text')
        .addColumn('report_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('assigned_to', 'text')
        .addColumn('lease_expires_at', 'text')
        .addColumn('resolution', 'text')
        .addColumn('resolved_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('moderation_items_comment', ['site_id', 'comment_id'])
        .execute();
      await db.schema
        .createIndex('moderation_items_queue')
        .on('moderation_items')
        .columns(['site_id', 'status', 'priority_rank', 'id'])
        .execute();

      // The pipeline asks how often an author was rejected before, on every comment.
      await db.schema
        .createIndex('moderation_items_user')
        .on('moderation_items')
        .columns(['site_id', 'user_id', 'resolution'])
        .execute();

      const reports = db.schema.createTable('moderation_reports');
      await (kind === 'sqlite'
        ? reports.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        : reports.addColumn('id', 'bigserial', (c) => c.primaryKey())
      )
        .addColumn('site_id', 'text', siteRef)
        .addColumn('comment_id', idType, commentRef)
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('details', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('moderation_reports_once', ['site_id', 'comment_id', 'user_id'])
        .execute();
      await db.schema
        .createIndex('moderation_reports_user')
        .on('moderation_reports')
        .columns(['site_id', 'user_id'])
        .execute();

      await db.schema
        .createTable('moderation_bans')
        .addColumn('site_id', 'text', siteRef)
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addPrimaryKeyConstraint('moderation_bans_pk', ['site_id', 'user_id'])
        .execute();

      const log = db.schema.createTable('moderation_log');
      await (kind === 'sqlite'
        ? log.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        : log.addColumn('id', 'bigserial', (c) => c.primaryKey())
      )
        .addColumn('site_id', 'text', siteRef)
        .addColumn('moderator_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('moderation_log_site')
        .on('moderation_log')
        .columns(['site_id', 'id'])
        .execute();

      await db.schema
        .createTable('spam_tokens')
        .addColumn('site_id', 'text', siteRef)
        .addColumn('token', 'text', (c) => c.notNull())
        .addColumn('spam', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ham', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('spam_tokens_pk', ['site_id', 'token'])
        .execute();
    },
  };
}
