import {
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Kysely,
  type Migration,
  sql,
} from 'kysely';
import type { DialectKind } from './database.js';

/**
 * Notifications (issue 5). Durable by construction: a change that should notify someone writes a
 * `notification_triggers` row in its own transaction; the worker turns each trigger into
 * notifications (and their `notification_deliveries` for email and push) in one transaction
 * that also deletes the trigger, so a crash at any point loses nothing and doubles nothing.
 */
export function notificationTables(kind: DialectKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const id = <TB extends string>(t: CreateTableBuilder<TB, never>) =>
        kind === 'sqlite'
          ? t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
          : t.addColumn('id', 'bigserial', (c) => c.primaryKey());
      const idType = kind === 'sqlite' ? 'integer' : 'bigint';
      const siteRef = (c: ColumnDefinitionBuilder) => c.notNull().references('sites.id').onDelete('cascade');
      const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
      const zero = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);

      // The address a site's token gave (`email` claim); email goes nowhere without one.
      await db.schema.alterTable('users').addColumn('email', 'text').execute();

      await id(db.schema.createTable('notification_triggers'))
        .addColumn('site_id', 'text', siteRef)
        .addColumn('event', 'text', notNull)
        .addColumn('payload', 'text', notNull)
        .addColumn('created_at', 'text', notNull)
        .addColumn('attempts', 'integer', zero)
        .addColumn('lease_until', 'text')
        .addColumn('last_error', 'text')
        // How far a creator update has reached through the followers (the last follow id done).
        .addColumn('cursor', 'text')
        .execute();

      // An inbox item: one or more notifications about the same thing.
      await id(db.schema.createTable('notification_groups'))
        .addColumn('site_id', 'text', siteRef)
        .addColumn('user_id', 'text', notNull)
        .addColumn('notification_type', 'text', notNull)
        .addColumn('group_key', 'text', notNull)
        .addColumn('target_type', 'text', notNull)
        .addColumn('target_id', 'text', notNull)
        .addColumn('content_key', 'text')
        .addColumn('url', 'text')
        .addColumn('excerpt', 'text')
        .addColumn('actor_id', 'text')
        .addColumn('count', 'integer', zero)
        .addColumn('is_read', 'integer', zero)
        .addColumn('is_archived', 'integer', zero)
        .addColumn('created_at', 'text', notNull)
        .addColumn('updated_at', 'text', notNull)
        .execute();
      await db.schema
        .createIndex('notification_groups_inbox')
        .on('notification_groups')
        .columns(['site_id', 'user_id', 'is_archived', 'updated_at', 'id'])
        .execute();
      await db.schema
        .createIndex('notification_groups_open')
        .on('notification_groups')
        .columns(['site_id', 'user_id', 'group_key', 'is_read'])
        .execute();
      await db.schema
        .createIndex('notification_groups_unread')
        .on('notification_groups')
        .columns(['site_id', 'user_id', 'is_read', 'is_archived'])
        .execute();

      // The seed's notifications table: one row per thing that happened to someone.
      await id(db.schema.createTable('notifications'))
        .addColumn('site_id', 'text', siteRef)
        .addColumn('user_id', 'text', notNull)
        .addColumn('actor_id', 'text')
        .addColumn('notification_type', 'text', notNull)
        .addColumn('target_type', 'text', notNull)
        .addColumn('target_id', 'text', notNull)
        .addColumn('message', 'text', notNull)
        .addColumn('is_read', 'integer', zero)
        .addColumn('created_at', 'text', notNull)
        .addColumn('group_id', idType, (c) => c.references('notification_groups.id').onDelete('set null'))
        // type|actor|target: the same actor doing the same thing again soon notifies once.
        .addColumn('dedupe_key', 'text', notNull)
        .execute();
      await db.schema
        .createIndex('notifications_dedupe')
        .on('notifications')
        .columns(['site_id', 'user_id', 'dedupe_key', 'created_at'])
        .execute();
      await db.schema.createIndex('notifications_group').on('notifications').columns(['group_id']).execute();
      await db.schema
        .createIndex('notifications_user')
        .on('notifications')
        .columns(['site_id', 'user_id', 'id'])
        .execute();

      await db.schema
        .createTable('notification_preferences')
        .addColumn('site_id', 'text', siteRef)
        .addColumn('user_id', 'text', notNull)
        // JSON: {type: {in_app?, email?, push?}} — only what the user changed from the defaults.
        .addColumn('types', 'text', notNull)
        .addColumn('email_frequency', 'text')
        .addColumn('updated_at', 'text', notNull)
        .addPrimaryKeyConstraint('notification_preferences_pk', ['site_id', 'user_id'])
        .execute();

      // Outgoing email and push: each row is sent once, retried with backoff until it is.
      await id(db.schema.createTable('notification_deliveries'))
        .addColumn('site_id', 'text', siteRef)
        .addColumn('user_id', 'text', notNull)
        .addColumn('channel', 'text', notNull)
        .addColumn('notification_id', idType, (c) =>
          c.notNull().references('notifications.id').onDelete('cascade'),
        )
        // pending | sent | failed | cancelled
        .addColumn('status', 'text', notNull)
        // When it may go out: now for instant, the next digest boundary otherwise.
        .addColumn('due_at', 'text', notNull)
        .addColumn('digest', 'integer', zero)
        .addColumn('attempts', 'integer', zero)
        .addColumn('lease_until', 'text')
        .addColumn('last_error', 'text')
        .addColumn('sent_at', 'text')
        .addColumn('message_id', 'text')
        .addColumn('created_at', 'text', notNull)
        .execute();
      await db.schema
        .createIndex('notification_deliveries_due')
        .on('notification_deliveries')
        .columns(['status', 'due_at'])
        .execute();
      await db.schema
        .createIndex('notification_deliveries_user')
        .on('notification_deliveries')
        .columns(['site_id', 'user_id', 'channel', 'status'])
        .execute();

      await id(db.schema.createTable('push_subscriptions'))
        .addColumn('site_id', 'text', siteRef)
        .addColumn('user_id', 'text', notNull)
        .addColumn('endpoint', 'text', notNull)
        .addColumn('p256dh', 'text', notNull)
        .addColumn('auth', 'text', notNull)
        .addColumn('user_agent', 'text')
        .addColumn('created_at', 'text', notNull)
        .addColumn('last_success_at', 'text')
        .addUniqueConstraint('push_subscriptions_endpoint', ['site_id', 'endpoint'])
        .execute();
      await db.schema
        .createIndex('push_subscriptions_user')
        .on('push_subscriptions')
        .columns(['site_id', 'user_id'])
        .execute();
    },
  };
}

/**
 * Fewer index writes per notification (issue 5's throughput): a fan-out touches each recipient's
 * keys in every index, and on SQLite each key it touches is a page written at commit.
 *  - `notifications_user` (site, user, id) goes: `notifications_dedupe` starts with the same
 *    (site, user) and serves those lookups (export, erase).
 *  - The open-item and unread-count indexes become one partial index over unread, unarchived
 *    items only: it is what both look up, and it holds only what is unread.
 * Queries that should use the partial index say `is_read = 0 AND is_archived = 0` with literals
 * (see `unreadOnly` in notifications/present.ts), which both dialects match against its WHERE.
 */
export function notificationIndexes(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.dropIndex('notifications_user').execute();
      await db.schema.dropIndex('notification_groups_open').execute();
      await db.schema.dropIndex('notification_groups_unread').execute();
      await db.schema
        .createIndex('notification_groups_unread')
        .on('notification_groups')
        .columns(['site_id', 'user_id', 'group_key'])
        .where(sql.ref('is_read'), '=', sql.lit(0))
        .where(sql.ref('is_archived'), '=', sql.lit(0))
        .execute();
    },
  };
}

/**
 * Who caused each pending trigger (`actor_id`), so deleting an account also deletes the
 * triggers it left that the worker has not reached yet (their payloads name the person and
 * quote what they wrote). Triggers written before this migration have none and are handled by
 * the worker's check that the actor still exists.
 */
export function triggerActors(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('notification_triggers').addColumn('actor_id', 'text').execute();
    },
  };
}

/**
 * A creator update walks the creator's followers in follower order (issue 5's throughput): the
 * inbox, dedupe and journal indexes are all keyed by recipient, so a page of recipients that are
 * neighbours in those indexes dirties a few leaf pages each instead of one per recipient. In
 * follow order, recipients are scattered across every index; with followers in random order
 * (as on a real site) a fan-out wrote about three times as much per notification.
 */
export function followsByFollower(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('follows_following_follower')
        .on('follows')
        .columns(['site_id', 'following_id', 'follower_id'])
        .execute();
    },
  };
}

/**
 * Inbox items about a comment, found by the comment: its edit, deletion or hiding changes their
 * quote (notifications/excerpts.ts). Partial, so a creator update's fan-out (items about a
 * content) writes no entry to it.
 */
export function groupsByComment(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('notification_groups_comment')
        .on('notification_groups')
        .columns(['site_id', 'target_id'])
        .where(sql.ref('target_type'), '=', 'comment')
        .execute();
    },
  };
}
