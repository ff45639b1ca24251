import type {
  ActivityType,
  ActivityVisibility,
  PrivacySettings,
  ProfileVisibility,
} from '@sharestack/protocol';
import type { Db } from '../store/db.js';

/**
 * Visibility of each activity type until the user says otherwise. Bookmarks are a personal
 * reading list, so they stay private unless the user shares them.
 */
export const DEFAULT_ACTIVITY_VISIBILITY: Record<ActivityType, ActivityVisibility> = {
  published: 'public',
  liked: 'public',
  commented: 'public',
  followed: 'public',
  bookmarked: 'private',
};

export async function readPrivacy(db: Db, siteId: string, userId: string): Promise<PrivacySettings> {
  const [rows, user] = await Promise.all([
    db
      .selectFrom('activity_privacy')
      .select(['activity_type', 'visibility'])
      .where('site_id', '=', siteId)
      .where('user_id', '=', userId)
      .execute(),
    db
      .selectFrom('users')
      .select('profile_visibility')
      .where('site_id', '=', siteId)
      .where('id', '=', userId)
      .executeTakeFirst(),
  ]);
  const activity = { ...DEFAULT_ACTIVITY_VISIBILITY };
  for (const r of rows) activity[r.activity_type as ActivityType] = r.visibility as ActivityVisibility;
  return { profile_visibility: (user?.profile_visibility ?? 'public') as ProfileVisibility, activity };
}

/**
 * Stores a per-type setting. It applies to the user's past activities of that type too: a user
 * who hides their likes expects the old ones hidden as well (feeds read visibility at read time).
 */
export async function writeActivityPrivacy(
  db: Db,
  siteId: string,
  userId: string,
  type: ActivityType,
  visibility: ActivityVisibility,
): Promise<void> {
  await db
    .insertInto('activity_privacy')
    .values({ site_id: siteId, user_id: userId, activity_type: type, visibility })
    .onConflict((oc) => oc.columns(['site_id', 'user_id', 'activity_type']).doUpdateSet({ visibility }))
    .execute();
  await db
    .updateTable('activities')
    .set({ visibility })
    .where('site_id', '=', siteId)
    .where('user_id', '=', userId)
    .where('activity_type', '=', type)
    .execute();
}
