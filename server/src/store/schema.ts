import type { Generated, Insertable, Selectable } from 'kysely';
import type {
  NotificationDeliveriesTable,
  NotificationGroupsTable,
  NotificationPreferencesTable,
  NotificationsTable,
  NotificationTriggersTable,
  NotificationUnreadTable,
  PushSubscriptionsTable,
} from './schema-notifications.js';

export type * from './schema-notifications.js';

/**
 * One schema for every dialect. Booleans are 0/1 integers and timestamps ISO 8601 UTC text so
 * that SQLite, PostgreSQL and PGlite store and return identical values.
 */
export interface Database {
  meta: MetaTable;
  sites: SitesTable;
  users: UsersTable;
  contents: ContentsTable;
  comments: CommentsTable;
  comment_mentions: CommentMentionsTable;
  reactions: ReactionsTable;
  reaction_counts: ReactionCountsTable;
  realtime_events: RealtimeEventsTable;
  follows: FollowsTable;
  blocks: BlocksTable;
  bookmarks: BookmarksTable;
  shares: SharesTable;
  activity_privacy: ActivityPrivacyTable;
  activities: ActivitiesTable;
  feed_items: FeedItemsTable;
  activity_jobs: ActivityJobsTable;
  moderation_items: ModerationItemsTable;
  moderation_reports: ModerationReportsTable;
  moderation_bans: ModerationBansTable;
  moderation_log: ModerationLogTable;
  spam_tokens: SpamTokensTable;
  notification_triggers: NotificationTriggersTable;
  notification_groups: NotificationGroupsTable;
  notification_unread: NotificationUnreadTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  notification_deliveries: NotificationDeliveriesTable;
  push_subscriptions: PushSubscriptionsTable;
}

export type Flag = 0 | 1;

export interface MetaTable {
  key: string;
  value: string;
}

export interface SitesTable {
  id: string;
  name: string;
  secret: string;
  /** JSON array of origins. */
  origins: string;
  /** JSON object of SiteSettings. */
  settings: string;
  created_at: string;
}

export interface UsersTable {
  site_id: string;
  id: string;
  name: string;
  avatar_url: string | null;
  is_guest: Flag;
  created_at: string;
  updated_at: string;
  /** `public`, `followers` or `private` (social migration). */
  profile_visibility: Generated<string>;
  follower_count: Generated<number>;
  following_count: Generated<number>;
  pulls_activities: Generated<number>;
  /** The token's `email` claim, when it had one (notifications migration). */
  email: Generated<string | null>;
}

export interface ContentsTable {
  id: Generated<number>;
  site_id: string;
  key: string;
  url: string | null;
  title: string | null;
  comment_count: number;
  reaction_count: number;
  /** Bumped by triggers on every change a thread read would show; see migration-versions.ts. */
  version: Generated<number>;
  created_at: string;
  /** The creator, once someone published the content (social migration). */
  author_id: Generated<string | null>;
  share_count: Generated<number>;
}

export interface CommentsTable {
  id: Generated<number>;
  site_id: string;
  content_ref: number;
  user_id: string;
  parent_comment_id: number | null;
  root_comment_id: number | null;
  depth: number;
  path: string;
  comment_text: string;
  html: string;
  is_approved: Flag;
  is_deleted: Flag;
  like_count: number;
  reply_count: number;
  ups: number;
  downs: number;
  best_score: number;
  hot_score: number;
  controversial_score: number;
  created_at: string;
  updated_at: string;
  edited_at: string | null;
  /** Written by a shadow-banned author: held like a pending comment, shown to its author as approved. */
  is_shadowed: Generated<Flag>;
}

export interface CommentMentionsTable {
  site_id: string;
  comment_id: number;
  handle: string;
}

export interface ReactionsTable {
  id: Generated<number>;
  site_id: string;
  user_id: string;
  target_type: string;
  /** Internal id: a comment id, or a content's internal id. */
  target_id: number;
  reaction_type: string;
  created_at: string;
  /** Counted, never shown with the reactor's identity (privacy). */
  is_anonymous: Generated<Flag>;
}

export interface ReactionCountsTable {
  site_id: string;
  target_type: string;
  target_id: number;
  reaction_type: string;
  count: number;
}

export interface RealtimeEventsTable {
  id: Generated<number>;
  site_id: string;
  topic: string;
  /** Per (site, topic), gap-free from 1. */
  seq: number;
  event: string;
  actor_id: string | null;
  /** JSON. */
  data: string;
  created_at: string;
}

export interface FollowsTable {
  id: Generated<number>;
  site_id: string;
  follower_id: string;
  following_id: string;
  created_at: string;
}

export interface BlocksTable {
  id: Generated<number>;
  site_id: string;
  blocker_id: string;
  blocked_id: string;
  created_at: string;
}

export interface BookmarksTable {
  id: Generated<number>;
  site_id: string;
  user_id: string;
  content_ref: number;
  collection_name: string;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface SharesTable {
  id: Generated<number>;
  site_id: string;
  content_ref: number;
  user_id: string | null;
  channel: string;
  created_at: string;
}

export interface ActivityPrivacyTable {
  site_id: string;
  user_id: string;
  activity_type: string;
  visibility: string;
}

export interface ActivitiesTable {
  id: Generated<number>;
  site_id: string;
  user_id: string;
  activity_type: string;
  target_type: string;
  target_id: string;
  visibility: string;
  pulled: Generated<number>;
  created_at: string;
  /** The comment of a `commented` activity. */
  comment_id: number | null;
}

/** Fan-out work left for after a commit (activity/fanout.ts). */
export interface ActivityJobsTable {
  id: Generated<number>;
  site_id: string;
  kind: 'push' | 'backfill' | 'trim' | 'remove';
  activity_id: number | null;
  owner_id: string | null;
  author_id: string | null;
  attempts: Generated<number>;
  created_at: string;
}

export interface FeedItemsTable {
  site_id: string;
  owner_id: string;
  activity_id: number;
  author_id: string;
}

/** One comment's place in the moderation queue (one row per comment, reused when it returns). */
export interface ModerationItemsTable {
  id: Generated<number>;
  site_id: string;
  comment_id: number;
  content_ref: number;
  user_id: string;
  priority: string;
  /** 100/75/50/25 for urgent/high/normal/low: the queue orders by it. */
  priority_rank: number;
  status: 'pending' | 'resolved';
  /** JSON array of why it is queued. */
  reasons: string;
  /** JSON ModerationVerdict, or null when only reports queued it. */
  verdict: string | null;
  report_count: number;
  assigned_to: string | null;
  lease_expires_at: string | null;
  resolution: string | null;
  resolved_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ModerationReportsTable {
  id: Generated<number>;
  site_id: string;
  comment_id: number;
  user_id: string;
  reason: string;
  details: string | null;
  created_at: string;
}

export interface ModerationBansTable {
  site_id: string;
  user_id: string;
  kind: 'ban' | 'shadow_ban';
  reason: string | null;
  created_by: string;
  created_at: string;
  expires_at: string | null;
}

/** The audit log: who did what, never updated. */
export interface ModerationLogTable {
  id: Generated<number>;
  site_id: string;
  moderator_id: string;
  action: string;
  target_type: 'comment' | 'user' | 'item';
  target_id: string;
  reason: string | null;
  /** JSON object. */
  details: string;
  created_at: string;
}

/** What a site's moderators taught the spam classifier; tokens `#docs` and `#features` hold totals. */
export interface SpamTokensTable {
  site_id: string;
  token: string;
  spam: number;
  ham: number;
}

export type SiteRow = Selectable<SitesTable>;
export type UserRow = Selectable<UsersTable>;
export type ContentRow = Selectable<ContentsTable>;
export type CommentRow = Selectable<CommentsTable>;
export type NewComment = Insertable<CommentsTable>;
