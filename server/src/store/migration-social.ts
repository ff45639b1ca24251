import {
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Kysely,
  type Migration,
  sql,
} from 'kysely';
import type { DialectKind } from './database.js';

/**
 * Social graph and activity (issue 4): follows, blocks, bookmarks, shares, per-type activity
 * privacy, activities and the fan-out-on-write inboxes of the hybrid feed (see activity/feed.ts).
 * Counters the profile shows live on `users`, the creator and share count on `contents`.
 */
export function socialTables(kind: DialectKind): Migration {
  const idType = kind === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<unknown>) {
      const id = <TB extends string>(t: CreateTableBuilder<TB, never>) =>
        kind === 'sqlite'
          ? t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
          : t.addColumn('id', 'bigserial', (c) => c.primaryKey());
      const siteRef = (c: ColumnDefinitionBuilder) => c.notNull().references('sites.id').onDelete('cascade');
      const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
      const zero = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);

      // SQLite adds one column per statement.
      await db.schema
        .alterTable('users')
        .addColumn('profile_visibility', 'text', (c) => c.notNull().defaultTo('public'))
        .execute();
      await db.schema.alterTable('users').addColumn('follower_count', 'integer', zero).execute();
      await db.schema.alterTable('users').addColumn('following_count', 'integer', zero).execute();
      // Set once any activity of the user was left for readers to pull (a high-follower author).
      await db.schema.alterTable('users').addColumn('pulls_activities', 'integer', zero).execute();
      await db.schema
        .createIndex('users_pull')
        .on('users')
        .columns(['site_id', 'pulls_activities'])
        .execute();
      await db.schema.alterTable('contents').addColumn('author_id', 'text').execute();
      await db.schema.alterTable('contents').addColumn('share_count', 'integer', zero).execute();

      await id(db.schema.createTable('follows'))
        .addColumn('site_id', 'text', siteRef)
        .addColumn('follower_id', 'text', notNull)
        .addColumn('following_id', 'text', notNull)
        .addColumn('created_at', 'text', notNull)
        .addUniqueConstraint('follows_unique', ['site_id', 'follower_id', 'following_id'])
        .execute();
      await db.schema
        .createIndex('follows_following')
        .on('follows')
        .columns(['site_id', 'following_id', 'id'])
        .execute();
      await db.schema
        .createIndex('follows_follower')
        .on('follows')
        .columns(['site_id', 'follower_id', 'id'])
        .execute();

      await id(db.schema.createTable('blocks'))
        .addColumn('site_id', 'text', siteRef)
        .addColumn('blocker_id', 'text', notNull)
        .addColumn('blocked_id', 'text', notNull)
        .addColumn('created_at', 'text', notNull)
        .addUniqueConstraint('blocks_unique', ['site_id', 'blocker_id', 'blocked_id'])
        .execute();
      await db.schema.createIndex('blocks_blocked').on('blocks').columns(['site_id', 'blocked_id']).execute();

      await id(db.schema.createTable('bookmarks'))
        .addColumn('site_id', 'text', siteRef)
        .addColumn('user_id', 'text', notNull)
        .addColumn('content_ref', idType, (c) => c.notNull().references('contents.id').onDelete('cascade'))
        .addColumn('collection_name', 'text', (c) => c.notNull().defaultTo('default'))
        .addColumn('notes', 'text')
        .addColumn('created_at', 'text', notNull)
        .addColumn('updated_at', 'text', notNull)
        .addUniqueConstraint('bookmarks_unique', ['site_id', 'user_id', 'content_ref'])
        .execute();
      await db.schema
        .createIndex('bookmarks_user')
        .on('bookmarks')
        .columns(['site_id', 'user_id', 'id'])
        .execute();
      await db.schema
        .createIndex('bookmarks_collection')
        .on('bookmarks')
        .columns(['site_id', 'user_id', 'collection_name', 'id'])
        .execute();
      await db.schema.createIndex('bookmarks_content').on('bookmarks').columns(['content_ref']).execute();

      await id(db.schema.createTable('shares'))
        .addColumn('site_id', 'text', siteRef)
        .addColumn('content_ref', idType, (c) => c.notNull().references('contents.id').onDelete('cascade'))
        .addColumn('user_id', 'text')
        .addColumn('channel', 'text', notNull)
        .addColumn('created_at', 'text', notNull)
        .execute();
      await db.schema
        .createIndex('shares_content')
        .on('shares')
        .columns(['content_ref', 'channel'])
        .execute();

      await db.schema
        .createTable('activity_privacy')
        .addColumn('site_id', 'text', siteRef)
        .addColumn('user_id', 'text', notNull)
        .addColumn('activity_type', 'text', notNull)
        .addColumn('visibility', 'text', notNull)
        .addPrimaryKeyConstraint('activity_privacy_pk', ['site_id', 'user_id', 'activity_type'])
        .execute();

      await id(db.schema.createTable('activities'))
        .addColumn('site_id', 'text', siteRef)
        .addColumn('user_id', 'text', notNull)
        .addColumn('activity_type', 'text', notNull)
        .addColumn('target_type', 'text', notNull)
        .addColumn('target_id', 'text', notNull)
        .addColumn('visibility', 'text', notNull)
        /** 1: left in place for followers to pull at read time; 0: fanned out to inboxes. */
        .addColumn('pulled', 'integer', zero)
        .addColumn('created_at', 'text', notNull)
        .execute();
      await db.schema
        .createIndex('activities_user')
        .on('activities')
        .columns(['site_id', 'user_id', 'id'])
        .execute();
      await db.schema
        .createIndex('activities_user_pulled')
        .on('activities')
        .columns(['site_id', 'user_id', 'pulled', 'id'])
        .execute();
      await db.schema
        .createIndex('activities_target')
        .on('activities')
        .columns(['site_id', 'target_type', 'target_id'])
        .execute();

      await db.schema
        .createTable('feed_items')
        .addColumn('site_id', 'text', siteRef)
        .addColumn('owner_id', 'text', notNull)
        .addColumn('activity_id', idType, (c) => c.notNull().references('activities.id').onDelete('cascade'))
        .addColumn('author_id', 'text', notNull)
        .addPrimaryKeyConstraint('feed_items_pk', ['site_id', 'owner_id', 'activity_id'])
        .execute();
      await db.schema.createIndex('feed_items_activity').on('feed_items').columns(['activity_id']).execute();
    },
  };
}

/**
 * A profile's "reactions received" counts the reactions on the user's content as well as on
 * their comments: the contents they wrote, found by author.
 */
export function contentsByAuthor(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('contents_author')
        .on('contents')
        .columns(['site_id', 'author_id'])
        .where(sql.ref('author_id'), 'is not', null)
        .execute();
    },
  };
}
