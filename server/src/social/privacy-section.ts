import { whileFollowLasts } from '../activity/feed.js';
import type { ExportActivity, PrivacySection } from '../privacy/sections.js';
import type { DialectKind } from '../store/database.js';
import type { Db } from '../store/db.js';

/**
 * The social graph's part of a user's export and of account deletion: follows both ways,
 * blocks, bookmarks, shares, activities and privacy settings. Deletion keeps every counter
 * exact: the people the user followed lose a follower, their followers one followed account,
 * and shares stay counted without a name.
 */
export const socialPrivacySection: PrivacySection = {
  name: 'social',

  async export(db: Db, siteId: string, userId: string) {
    const [following, followers, blocked, bookmarks, shares, activities, privacy] = await Promise.all([
      db
        .selectFrom('follows')
        .select(['following_id as user_id', 'created_at'])
        .where('site_id', '=', siteId)
        .where('follower_id', '=', userId)
        .orderBy('created_at')
        .execute(),
      db
        .selectFrom('follows')
        .select(['follower_id as user_id', 'created_at'])
        .where('site_id', '=', siteId)
        .where('following_id', '=', userId)
        .orderBy('created_at')
        .execute(),
      db
        .selectFrom('blocks')
        .select(['blocked_id as user_id', 'created_at'])
        .where('site_id', '=', siteId)
        .where('blocker_id', '=', userId)
        .execute(),
      db
        .selectFrom('bookmarks as b')
        .innerJoin('contents as c', 'c.id', 'b.content_ref')
        .select(['c.key as content_id', 'b.collection_name', 'b.notes', 'b.created_at'])
        .where('b.site_id', '=', siteId)
        .where('b.user_id', '=', userId)
        .orderBy('b.created_at')
        .execute(),
      db
        .selectFrom('shares as s')
        .innerJoin('contents as c', 'c.id', 's.content_ref')
        .select(['c.key as content_id', 's.channel', 's.created_at'])
        .where('s.site_id', '=', siteId)
        .where('s.user_id', '=', userId)
        .orderBy('s.created_at')
        .execute(),
      db
        .selectFrom('activities')
        .select(['id', 'activity_type', 'target_type', 'target_id', 'visibility', 'created_at'])
        .where('site_id', '=', siteId)
        .where('user_id', '=', userId)
        .where(whileFollowLasts('activities'))
        .orderBy('id')
        .execute(),
      db
        .selectFrom('activity_privacy')
        .select(['activity_type', 'visibility'])
        .where('site_id', '=', siteId)
        .where('user_id', '=', userId)
        .execute(),
    ]);
    const stream: ExportActivity[] = [
      ...following.map((f) => ({
        id: `follow:${f.user_id}`,
        type: 'Follow' as const,
        actor: userId,
        published: f.created_at,
        object: { type: 'Person', id: f.user_id },
      })),
      ...bookmarks.map((b) => ({
        id: `bookmark:${b.content_id}`,
        type: 'Add' as const,
        actor: userId,
        published: b.created_at,
        object: { type: 'Page', id: b.content_id, collection: b.collection_name },
      })),
      ...shares.map((s, i) => ({
        id: `share:${s.content_id}:${i}`,
        type: 'Announce' as const,
        actor: userId,
        published: s.created_at,
        object: { type: 'Page', id: s.content_id },
      })),
    ];
    return {
      data: {
        following,
        followers,
        blocked,
        bookmarks,
        shares,
        activities: activities.map((a) => ({ ...a, id: String(a.id) })),
        privacy,
      },
      activities: stream,
    };
  },

  async erase(tx: Db, _kind: DialectKind, siteId: string, userId: string) {
    let removed = 0;
    // Counters of the other side of each follow, then the follows themselves.
    const followed = await tx
      .selectFrom('follows')
      .select('following_id')
      .where('site_id', '=', siteId)
      .where('follower_id', '=', userId)
      .execute();
    const followers = await tx
      .selectFrom('follows')
      .select('follower_id')
      .where('site_id', '=', siteId)
      .where('following_id', '=', userId)
      .execute();
    for (const ids of chunks(followed.map((r) => r.following_id))) {
      await tx
        .updateTable('users')
        .set((eb) => ({ follower_count: eb('follower_count', '-', 1) }))
        .where('site_id', '=', siteId)
        .where('id', 'in', ids)
        .execute();
    }
    for (const ids of chunks(followers.map((r) => r.follower_id))) {
      await tx
        .updateTable('users')
        .set((eb) => ({ following_count: eb('following_count', '-', 1) }))
        .where('site_id', '=', siteId)
        .where('id', 'in', ids)
        .execute();
    }
    const count = (r: { numDeletedRows?: bigint; numUpdatedRows?: bigint }) =>
      Number(r.numDeletedRows ?? r.numUpdatedRows ?? 0);
    removed += count(
      await tx
        .deleteFrom('follows')
        .where('site_id', '=', siteId)
        .where((eb) => eb.or([eb('follower_id', '=', userId), eb('following_id', '=', userId)]))
        .executeTakeFirst(),
    );
    removed += count(
      await tx
        .deleteFrom('blocks')
        .where('site_id', '=', siteId)
        .where((eb) => eb.or([eb('blocker_id', '=', userId), eb('blocked_id', '=', userId)]))
        .executeTakeFirst(),
    );
    removed += count(
      await tx
        .deleteFrom('bookmarks')
        .where('site_id', '=', siteId)
        .where('user_id', '=', userId)
        .executeTakeFirst(),
    );
    // Shares stay counted on their content, without the name.
    removed += count(
      await tx
        .updateTable('shares')
        .set({ user_id: null })
        .where('site_id', '=', siteId)
        .where('user_id', '=', userId)
        .executeTakeFirst(),
    );
    await tx
      .deleteFrom('feed_items')
      .where('site_id', '=', siteId)
      .where((eb) => eb.or([eb('owner_id', '=', userId), eb('author_id', '=', userId)]))
      .execute();
    // The user's own activities, and others' about them ("Carol followed …"): the account is gone.
    removed += count(
      await tx
        .deleteFrom('activities')
        .where('site_id', '=', siteId)
        .where((eb) =>
          eb.or([
            eb('user_id', '=', userId),
            eb.and([eb('target_type', '=', 'user'), eb('target_id', '=', userId)]),
          ]),
        )
        .executeTakeFirst(),
    );
    await tx
      .deleteFrom('activity_privacy')
      .where('site_id', '=', siteId)
      .where('user_id', '=', userId)
      .execute();
    return removed;
  },
};

function* chunks<T>(items: T[], size = 500): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
