import { z } from 'zod';
import { COMMENT_SORTS, type CommentSort, Limits } from '../constants.js';
import { ContentKey, Cursor, HttpUrl, Id, Limit, listOf, Timestamp, UserId } from './common.js';

export const Author = z
  .object({ id: UserId, name: z.string(), avatar_url: z.string().nullable(), is_guest: z.boolean() })
  .meta({ id: 'Author' });

/** Counts per reaction type; types with no reactions are omitted. */
export const ReactionCounts = z.record(z.string(), z.number().int().min(0)).meta({ id: 'ReactionCounts' });

/**
 * Where a comment that is not published stands: `pending` while it waits in the moderation
 * queue, `rejected` once a moderator decided against it (rejected, spam, or its author banned).
 */
export const CommentModerationStatus = z
  .enum(['pending', 'rejected'])
  .meta({ id: 'CommentModerationStatus' });

export interface CommentShape {
  id: string;
  content_id: string;
  user_id: string;
  parent_comment_id: string | null;
  root_comment_id: string | null;
  depth: number;
  path: string;
  comment_text: string;
  html: string;
  is_approved: boolean;
  moderation_status?: 'pending' | 'rejected';
  is_deleted: boolean;
  like_count: number;
  reply_count: number;
  reactions: Record<string, number>;
  my_reaction: string | null;
  mentions: string[];
  author: { id: string; name: string; avatar_url: string | null; is_guest: boolean } | null;
  created_at: string;
  updated_at: string;
  edited_at: string | null;
  replies: CommentShape[];
  has_more_replies: boolean;
}

export const Comment: z.ZodType<CommentShape> = z
  .object({
    id: Id,
    /** The content key the host page uses, not an internal id. */
    content_id: ContentKey,
    /** Empty for tombstones, whose author is no longer shown. */
    user_id: z.union([UserId, z.literal('')]),
    parent_comment_id: Id.nullable(),
    root_comment_id: Id.nullable(),
    /** 0 for top-level comments. */
    depth: z.number().int().min(0),
    /** Materialised path of ancestor ids, `/1/7/` style, ending with this comment's id. */
    path: z.string(),
    /** Raw markdown as written. Empty for a deleted comment (tombstone). */
    comment_text: z.string(),
    /** Rendered and sanitised HTML of `comment_text`. */
    html: z.string(),
    is_approved: z.boolean(),
    /**
     * Only on a comment that is not published (`is_approved: false`, not a tombstone), which
     * only its author and moderators are ever sent: whether it still waits for a moderator
     * (`pending`) or a moderator decided against it (`rejected`, for good: it is out of the
     * queue). Absent on every published comment, so everyone else never sees it.
     */
    moderation_status: CommentModerationStatus.optional(),
    /** A tombstone: deleted, kept because it has replies. */
    is_deleted: z.boolean(),
    /** Total reactions of every type. */
    like_count: z.number().int().min(0),
    /** Direct replies that are not deleted-and-gone. */
    reply_count: z.number().int().min(0),
    reactions: ReactionCounts,
    /** The viewer's own reaction, if any. */
    my_reaction: z.string().nullable(),
    /** User ids or handles mentioned with `@name`. */
    mentions: z.array(z.string()),
    /** Null for tombstones. */
    author: Author.nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
    edited_at: Timestamp.nullable(),
    get replies() {
      return z.array(Comment);
    },
    /** More replies exist below this top-level comment than were sent; fetch with `root`. */
    has_more_replies: z.boolean(),
  })
  .meta({ id: 'Comment' });

export const ListCommentsQuery = z.object({
  sort: z.enum(COMMENT_SORTS as [CommentSort, ...CommentSort[]]).default('best'),
  limit: Limit,
  cursor: Cursor.optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  /** `false` sends top-level comments only (adaptive loading on slow connections). */
  replies: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .default(true),
  /** Cap on replies sent under each top-level comment. */
  replies_limit: z.coerce.number().int().min(0).max(1000).default(Limits.repliesPerRootDefault),
  /** Fetch one top-level comment and its full reply tree instead of a page. */
  root: Id.optional(),
});

export const CommentThread = listOf(Comment)
  .extend({
    /** Every visible comment on the content, replies included. */
    total_count: z.number().int().min(0),
    sort: z.string(),
  })
  .meta({ id: 'CommentThread' });

export const CreateCommentBody = z
  .object({
    content_id: ContentKey,
    comment_text: z.string().trim().min(1, 'comment_text must not be empty').max(Limits.commentTextMax),
    parent_comment_id: Id.nullable().optional(),
    /**
     * The page the thread is on and its title, recorded when the content is first seen (its
     * notifications and emails link there). The URL must be on one of the site's origins.
     */
    content_url: HttpUrl.optional(),
    content_title: z.string().max(300).optional(),
  })
  .meta({ id: 'CreateCommentBody' });

export const UpdateCommentBody = z
  .object({
    comment_text: z.string().trim().min(1, 'comment_text must not be empty').max(Limits.commentTextMax),
  })
  .meta({ id: 'UpdateCommentBody' });

export const DeleteCommentResult = z
  .object({
    id: Id,
    /** `tombstone` when replies keep the comment in the thread, `removed` otherwise. */
    outcome: z.enum(['tombstone', 'removed']),
    comment: Comment.nullable(),
  })
  .meta({ id: 'DeleteCommentResult' });

export const CommentPathParams = z.object({ comment_id: Id });
export const ContentPathParams = z.object({ content_id: ContentKey });
