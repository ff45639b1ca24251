import type { Generated, Insertable, Selectable } from 'kysely';

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
}

export interface FeedItemsTable {
  site_id: string;
  owner_id: string;
  activity_id: number;
  author_id: string;
}

export type SiteRow = Selectable<SitesTable>;
export type UserRow = Selectable<UsersTable>;
export type ContentRow = Selectable<ContentsTable>;
export type CommentRow = Selectable<CommentsTable>;
export type NewComment = Insertable<CommentsTable>;
