import { z } from 'zod';
import { ContentKey, Cursor, HttpUrl, hasNoNul, Limit, listOf, NO_NUL, Timestamp, UserId } from './common.js';

export const ProfileVisibility = z.enum(['public', 'followers', 'private']).meta({ id: 'ProfileVisibility' });

/** Where a share went; the element's menu offers these. */
export const SHARE_CHANNELS = [
  'native',
  'copy',
  'email',
  'x',
  'facebook',
  'linkedin',
  'reddit',
  'whatsapp',
  'telegram',
  'mastodon',
  'bluesky',
  'other',
] as const;
export const ShareChannel = z.enum(SHARE_CHANNELS).meta({ id: 'ShareChannel' });

/** A user id as sent by clients: the token's `sub`, which never holds control characters. */
export const SocialUserId = UserId.regex(/^[^\p{Cc}]+$/u, 'must not contain control characters');

export const UserPathParams = z.object({ user_id: SocialUserId });
export const ContentKeyParams = z.object({ content_id: ContentKey });

export const ListQuery = z.object({
  limit: Limit,
  cursor: Cursor.optional(),
  /** The seed's page-number pagination, accepted for compatibility; `cursor` wins. */
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});

export const FollowBody = z.object({ user_id: SocialUserId }).meta({ id: 'FollowBody' });
export const BlockBody = z.object({ user_id: SocialUserId }).meta({ id: 'BlockBody' });

/** The relation between the viewer and one user after a follow or unfollow, or on read. */
export const FollowStatus = z
  .object({
    user_id: UserId,
    is_following: z.boolean(),
    /**
     * Exact number of the user's followers; null when their profile is not visible to the
     * viewer (private, followers-only and not followed, or the user blocks the viewer).
     */
    follower_count: z.number().int().min(0).nullable(),
    following_count: z.number().int().min(0).nullable(),
  })
  .meta({ id: 'FollowStatus' });

/** A user in a followers/following/blocks list, with what the viewer has to do with them. */
export const SocialUser = z
  .object({
    id: UserId,
    name: z.string(),
    avatar_url: z.string().nullable(),
    is_guest: z.boolean(),
    /** When the follow (or block) in this list was made. */
    since: Timestamp,
    /** The viewer follows this user (false for anonymous viewers). */
    is_following: z.boolean(),
  })
  .meta({ id: 'SocialUser' });
export const SocialUserList = listOf(SocialUser).meta({ id: 'SocialUserList' });

export const BlockStatus = z.object({ user_id: UserId, is_blocked: z.boolean() }).meta({ id: 'BlockStatus' });

export const ProfileStats = z
  .object({
    followers: z.number().int().min(0),
    following: z.number().int().min(0),
    comments: z.number().int().min(0),
    reactions_received: z.number().int().min(0),
  })
  .meta({ id: 'ProfileStats' });

export const Profile = z
  .object({
    id: UserId,
    name: z.string(),
    avatar_url: z.string().nullable(),
    is_guest: z.boolean(),
    profile_visibility: ProfileVisibility,
    stats: ProfileStats,
    /** The viewer follows this user. */
    is_following: z.boolean(),
    /** This user follows the viewer. */
    follows_you: z.boolean(),
    /** The viewer blocks this user. */
    is_blocked: z.boolean(),
    is_self: z.boolean(),
    created_at: Timestamp,
  })
  .meta({ id: 'Profile' });

export const CollectionName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters');

export const BookmarkNotes = z.string().max(2000).refine(hasNoNul, NO_NUL);

export const Bookmark = z
  .object({
    id: z.string(),
    user_id: UserId,
    /** The content key the host page uses. */
    content_id: ContentKey,
    collection_name: z.string(),
    notes: z.string().nullable(),
    content_title: z.string().nullable(),
    content_url: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'Bookmark' });
export const BookmarkList = listOf(Bookmark).meta({ id: 'BookmarkList' });

export const CreateBookmarkBody = z
  .object({
    content_id: ContentKey,
    collection_name: CollectionName.optional(),
    notes: BookmarkNotes.nullable().optional(),
    content_url: HttpUrl.optional(),
    content_title: z.string().max(300).optional(),
  })
  .meta({ id: 'CreateBookmarkBody' });

/** Move between collections and/or edit notes; at least one field. */
export const UpdateBookmarkBody = z
  .object({ collection_name: CollectionName.optional(), notes: BookmarkNotes.nullable().optional() })
  .refine((b) => b.collection_name !== undefined || b.notes !== undefined, {
    message: 'send collection_name or notes',
  })
  .meta({ id: 'UpdateBookmarkBody' });

export const ListBookmarksQuery = ListQuery.extend({ collection_name: CollectionName.optional() });

export const BookmarkStatus = z
  .object({ content_id: ContentKey, bookmark: Bookmark.nullable() })
  .meta({ id: 'BookmarkStatus' });

export const BookmarkCollection = z
  .object({ collection_name: z.string(), count: z.number().int().min(0) })
  .meta({ id: 'BookmarkCollection' });
export const BookmarkCollectionList = listOf(BookmarkCollection).meta({ id: 'BookmarkCollectionList' });

export const ShareBody = z
  .object({
    content_id: ContentKey,
    channel: ShareChannel,
    content_url: HttpUrl.optional(),
    content_title: z.string().max(300).optional(),
  })
  .meta({ id: 'ShareBody' });

export const ShareSummary = z
  .object({
    content_id: ContentKey,
    share_count: z.number().int().min(0),
    /** Shares per channel; channels without shares are omitted. */
    channels: z.record(z.string(), z.number().int().min(0)),
    /** The content's canonical URL as first recorded, or null when none is known. */
    share_url: z.string().nullable(),
  })
  .meta({ id: 'ShareSummary' });
