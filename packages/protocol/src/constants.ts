/**
 * Runtime constants shared by client and server. This module has no dependencies so that
 * browser bundles can import it without pulling in the schema library.
 */

/** Stable machine-readable `code` of every problem+json error the server sends. */
export const ErrorCode = {
  BadRequest: 'bad_request',
  ValidationFailed: 'validation_failed',
  InvalidJson: 'invalid_json',
  InvalidCursor: 'invalid_cursor',
  Unauthorized: 'unauthorized',
  TokenInvalid: 'token_invalid',
  TokenExpired: 'token_expired',
  Forbidden: 'forbidden',
  AdminKeyInvalid: 'admin_key_invalid',
  GuestsNotAllowed: 'guests_not_allowed',
  OriginNotAllowed: 'origin_not_allowed',
  SiteRequired: 'site_required',
  SiteNotFound: 'site_not_found',
  NotFound: 'not_found',
  CommentNotFound: 'comment_not_found',
  ParentNotFound: 'parent_not_found',
  CommentDeleted: 'comment_deleted',
  MaxDepthExceeded: 'max_depth_exceeded',
  EditWindowClosed: 'edit_window_closed',
  ReactionNotAllowed: 'reaction_not_allowed',
  MethodNotAllowed: 'method_not_allowed',
  PayloadTooLarge: 'payload_too_large',
  UnsupportedMediaType: 'unsupported_media_type',
  RateLimited: 'rate_limited',
  Conflict: 'conflict',
  DevRoutesDisabled: 'dev_routes_disabled',
  UserBanned: 'user_banned',
  ItemNotFound: 'moderation_item_not_found',
  ItemLeased: 'moderation_item_leased',
  AlreadyReported: 'already_reported',
  /** The server is up but a part it needs is missing (e.g. the embed bundle was not built). */
  ServiceUnavailable: 'service_unavailable',
  Internal: 'internal_error',
  /** Client-side only: the request never reached the server or its answer was not JSON. */
  Network: 'network_error',
  UserNotFound: 'user_not_found',
  CannotFollowSelf: 'cannot_follow_self',
  CannotBlockSelf: 'cannot_block_self',
  /** One of the two users blocks the other, so the action is refused. */
  Blocked: 'blocked',
  BookmarkNotFound: 'bookmark_not_found',
  NotContentAuthor: 'not_content_author',
  NotificationNotFound: 'notification_not_found',
  /** A push subscription's endpoint or keys are unusable. */
  PushSubscriptionInvalid: 'push_subscription_invalid',
  /** An unsubscribe link's signature does not match (tampered or from another site). */
  UnsubscribeLinkInvalid: 'unsubscribe_link_invalid',
  /** Client-side only: the server has no web push configured (no VAPID key to subscribe with). */
  PushUnavailable: 'push_unavailable',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const CommentSort = {
  New: 'new',
  Old: 'old',
  Top: 'top',
  Best: 'best',
  Hot: 'hot',
  Controversial: 'controversial',
} as const;
export type CommentSort = (typeof CommentSort)[keyof typeof CommentSort];
export const COMMENT_SORTS = Object.values(CommentSort);

export const TargetType = { Content: 'content', Comment: 'comment' } as const;
export type TargetType = (typeof TargetType)[keyof typeof TargetType];

/** The social-interaction seed's reaction set, used by default. */
export const DEFAULT_REACTION_SET = ['like', 'love', 'helpful', 'insightful'] as const;
/** The live-comment seed's eight emoji reactions, available as a site setting. */
export const LIVE_REACTION_SET = ['like', 'love', 'laugh', 'wow', 'sad', 'angry', 'fire', 'clap'] as const;

/** Every reaction type the server knows, with its emoji and its polarity for ranking. */
export const REACTIONS = {
  like: { emoji: '👍', polarity: 1 },
  love: { emoji: '❤️', polarity: 1 },
  helpful: { emoji: '🙌', polarity: 1 },
  insightful: { emoji: '💡', polarity: 1 },
  laugh: { emoji: '😂', polarity: 1 },
  wow: { emoji: '😮', polarity: 1 },
  sad: { emoji: '😢', polarity: 0 },
  angry: { emoji: '😠', polarity: -1 },
  fire: { emoji: '🔥', polarity: 1 },
  clap: { emoji: '👏', polarity: 1 },
  dislike: { emoji: '👎', polarity: -1 },
} as const satisfies Record<string, { emoji: string; polarity: -1 | 0 | 1 }>;
export type ReactionType = keyof typeof REACTIONS;
export const REACTION_TYPES = Object.keys(REACTIONS) as ReactionType[];

export const PreModeration = { None: 'none', FirstN: 'first_n', All: 'all' } as const;
export type PreModeration = (typeof PreModeration)[keyof typeof PreModeration];

/** The seed's moderation queue priorities, most pressing first. */
export const ModerationPriority = { Urgent: 'urgent', High: 'high', Normal: 'normal', Low: 'low' } as const;
export type ModerationPriority = (typeof ModerationPriority)[keyof typeof ModerationPriority];
export const MODERATION_PRIORITIES = Object.values(ModerationPriority);

/** What the automatic pipeline decides for a comment (the seed's three outcomes). */
export const PipelineAction = {
  Approve: 'approve',
  FlagForReview: 'flag_for_review',
  Block: 'block',
} as const;
export type PipelineAction = (typeof PipelineAction)[keyof typeof PipelineAction];

/** What a moderator can do with a queue item. */
export const ModerationAction = {
  Approve: 'approve',
  Reject: 'reject',
  Spam: 'spam',
  Delete: 'delete',
  Ban: 'ban',
  ShadowBan: 'shadow_ban',
} as const;
export type ModerationAction = (typeof ModerationAction)[keyof typeof ModerationAction];
export const MODERATION_ACTIONS = Object.values(ModerationAction);

export const ReportReason = {
  Spam: 'spam',
  Harassment: 'harassment',
  Hate: 'hate',
  Violence: 'violence',
  Sexual: 'sexual',
  Misinformation: 'misinformation',
  OffTopic: 'off_topic',
  Other: 'other',
} as const;
export type ReportReason = (typeof ReportReason)[keyof typeof ReportReason];
export const REPORT_REASONS = Object.values(ReportReason);

export const BanKind = { Ban: 'ban', ShadowBan: 'shadow_ban' } as const;
export type BanKind = (typeof BanKind)[keyof typeof BanKind];

/** How long a claimed queue item stays with one moderator (the seed's 30 minutes). */
export const MODERATION_LEASE_SECONDS = 30 * 60;

export const Role = { Moderator: 'moderator', Admin: 'admin' } as const;
export type Role = (typeof Role)[keyof typeof Role];

export const Limits = {
  contentIdMax: 200,
  commentTextMax: 10_000,
  displayNameMax: 80,
  pageSizeDefault: 20,
  pageSizeMax: 100,
  maxDepthDefault: 5,
  maxDepthMax: 10,
  editWindowDefaultSeconds: 15 * 60,
  repliesPerRootDefault: 200,
  bodyBytesMax: 64 * 1024,
} as const;

/** Header that names the site (tenant) of a request. */
export const SITE_HEADER = 'X-ShareStack-Site';
/** Query parameter that names the site where a header cannot be sent (WebSocket, script tags). */
export const SITE_QUERY = 'site';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
/** Base of the `type` URIs of problem documents; the server serves a page per code. */
export const PROBLEM_TYPE_BASE = 'https://sharestack.dev/problems/';

/** WebSocket topic names: the seed's, and the personal feed. */
export const Topic = {
  notifications: (userId: string) => `notifications:user:${userId}`,
  comments: (contentId: string) => `comments:content:${contentId}`,
  activity: (userId: string) => `activity:user:${userId}`,
  /**
   * The user's personal feed, for that user only: new activities of whom they follow, as the
   * feed shows them. Its events carry no `id` (nothing is replayed): a resubscription gets a
   * `reset`, and the client reloads the feed.
   */
  feed: (userId: string) => `feed:user:${userId}`,
} as const;
