import { z } from 'zod';
import { ContentKey, Cursor, HttpUrl, Limit, listOf, Timestamp, UserId } from './common.js';
import { ProfileVisibility } from './social.js';

export const ACTIVITY_TYPES = ['published', 'liked', 'commented', 'followed', 'bookmarked'] as const;
export const ActivityType = z.enum(ACTIVITY_TYPES).meta({ id: 'ActivityType' });
export const ActivityVisibility = z
  .enum(['public', 'followers', 'private'])
  .meta({ id: 'ActivityVisibility' });

/** What an activity is about: a content key, or a user id (`followed`). */
export const ActivityTarget = z
  .object({
    target_type: z.enum(['content', 'user']),
    target_id: z.string(),
    /** Content title or user name, when known. */
    title: z.string().nullable(),
    /** Content URL or avatar URL, when known. */
    url: z.string().nullable(),
  })
  .meta({ id: 'ActivityTarget' });

export const Actor = z
  .object({ id: UserId, name: z.string(), avatar_url: z.string().nullable() })
  .meta({ id: 'Actor' });

export const Activity = z
  .object({
    id: z.string(),
    user_id: UserId,
    activity_type: ActivityType,
    target_type: z.enum(['content', 'user']),
    target_id: z.string(),
    visibility: ActivityVisibility,
    created_at: Timestamp,
    actor: Actor,
    target: ActivityTarget,
  })
  .meta({ id: 'Activity' });
export const ActivityList = listOf(Activity).meta({ id: 'ActivityList' });

/**
 * One feed entry: activities of the same type on the same target, newest first, grouped
 * ("Ann and 3 others liked …"). `actors` holds up to three; `actor_count` counts them all.
 */
export const FeedEntry = z
  .object({
    id: z.string(),
    activity_type: ActivityType,
    /** `creator_update` when a followed creator published content. */
    kind: z.enum(['activity', 'creator_update']),
    target_type: z.enum(['content', 'user']),
    target_id: z.string(),
    target: ActivityTarget,
    actors: z.array(Actor),
    actor_count: z.number().int().min(1),
    activity_ids: z.array(z.string()),
    created_at: Timestamp,
  })
  .meta({ id: 'FeedEntry' });
export const Feed = listOf(FeedEntry).meta({ id: 'Feed' });

export const FeedQuery = z.object({
  limit: Limit,
  cursor: Cursor.optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});

export const PrivacySettings = z
  .object({
    profile_visibility: ProfileVisibility,
    activity: z.record(ActivityType, ActivityVisibility),
  })
  .meta({ id: 'PrivacySettings' });

/** The seed's `{activity_type, visibility}`, and/or the profile's visibility. */
export const PrivacyBody = z
  .object({
    activity_type: ActivityType.optional(),
    visibility: ActivityVisibility.optional(),
    profile_visibility: ProfileVisibility.optional(),
  })
  .refine((b) => (b.activity_type === undefined) === (b.visibility === undefined), {
    message: 'send activity_type and visibility together',
  })
  .refine((b) => b.activity_type !== undefined || b.profile_visibility !== undefined, {
    message: 'send activity_type and visibility, or profile_visibility',
  })
  .meta({ id: 'PrivacyBody' });

/** A creator publishes (or updates) a piece of content; followers get a `creator_update`. */
export const PublishBody = z
  .object({
    content_id: ContentKey,
    content_title: z.string().max(300).optional(),
    content_url: HttpUrl.optional(),
  })
  .meta({ id: 'PublishBody' });

export const PublishResult = z
  .object({ content_id: ContentKey, author_id: UserId, activity: Activity })
  .meta({ id: 'PublishResult' });
