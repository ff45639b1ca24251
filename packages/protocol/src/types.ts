/**
 * Wire types inferred from the schemas. Type-only imports keep the schema library out of
 * bundles that need only the shapes.
 */
import type { z } from 'zod';
import type * as S from './schemas/index.js';

export type Problem = z.infer<typeof S.Problem>;
export type SiteSettings = z.infer<typeof S.SiteSettings>;
export type SiteSettingsPatch = z.input<typeof S.SiteSettingsPatch>;
export type CreateSiteBody = z.input<typeof S.CreateSiteBody>;
export type UpdateSiteBody = z.input<typeof S.UpdateSiteBody>;
export type Site = z.infer<typeof S.Site>;
export type SiteWithSecret = z.infer<typeof S.SiteWithSecret>;
export type PublicSiteConfig = z.infer<typeof S.PublicSiteConfig>;
export type TokenClaims = z.infer<typeof S.TokenClaims>;
export type Viewer = z.infer<typeof S.Viewer>;
export type GuestTokenBody = z.input<typeof S.GuestTokenBody>;
export type DevTokenBody = z.input<typeof S.DevTokenBody>;
export type TokenResponse = z.infer<typeof S.TokenResponse>;
export type Author = z.infer<typeof S.Author>;
export type ReactionCounts = z.infer<typeof S.ReactionCounts>;
export type Comment = S.CommentShape;
/** Query of a thread read as a client builds it (every field optional, defaults apply server-side). */
export type ListCommentsQuery = Partial<z.output<typeof S.ListCommentsQuery>>;
export type CommentThread = z.infer<typeof S.CommentThread>;
export type CreateCommentBody = z.input<typeof S.CreateCommentBody>;
export type UpdateCommentBody = z.input<typeof S.UpdateCommentBody>;
export type DeleteCommentResult = z.infer<typeof S.DeleteCommentResult>;
export type ReactBody = z.input<typeof S.ReactBody>;
export type ReactionBody = z.input<typeof S.ReactionBody>;
export type ReactionSummary = z.infer<typeof S.ReactionSummary>;
export type ListOf<T> = { items: T[]; next_cursor: string | null };
export type ClientMessage = z.input<typeof S.ClientMessage>;
export type ServerMessage = z.infer<typeof S.ServerMessage>;
export type RealtimeEnvelope = Extract<ServerMessage, { type: 'event' }>;
export type NewCommentData = z.infer<typeof S.NewCommentData>;
export type CommentDeletedData = z.infer<typeof S.CommentDeletedData>;
export type ReactionUpdateData = z.infer<typeof S.ReactionUpdateData>;
export type PresenceData = z.infer<typeof S.PresenceData>;
export type TypingData = z.infer<typeof S.TypingData>;
export type ProfileVisibility = z.infer<typeof S.ProfileVisibility>;
export type ShareChannel = z.infer<typeof S.ShareChannel>;
export type FollowStatus = z.infer<typeof S.FollowStatus>;
export type SocialUser = z.infer<typeof S.SocialUser>;
export type BlockStatus = z.infer<typeof S.BlockStatus>;
export type ProfileStats = z.infer<typeof S.ProfileStats>;
export type Profile = z.infer<typeof S.Profile>;
export type Bookmark = z.infer<typeof S.Bookmark>;
export type BookmarkStatus = z.infer<typeof S.BookmarkStatus>;
export type BookmarkCollection = z.infer<typeof S.BookmarkCollection>;
export type CreateBookmarkBody = z.input<typeof S.CreateBookmarkBody>;
export type UpdateBookmarkBody = z.input<typeof S.UpdateBookmarkBody>;
export type ListBookmarksQuery = Partial<z.output<typeof S.ListBookmarksQuery>>;
export type ShareBody = z.input<typeof S.ShareBody>;
export type ShareSummary = z.infer<typeof S.ShareSummary>;
export type ActivityType = z.infer<typeof S.ActivityType>;
export type ActivityVisibility = z.infer<typeof S.ActivityVisibility>;
export type ActivityTarget = z.infer<typeof S.ActivityTarget>;
export type Actor = z.infer<typeof S.Actor>;
export type Activity = z.infer<typeof S.Activity>;
export type FeedEntry = z.infer<typeof S.FeedEntry>;
export type Feed = z.infer<typeof S.Feed>;
export type PrivacySettings = z.infer<typeof S.PrivacySettings>;
export type PrivacyBody = z.input<typeof S.PrivacyBody>;
export type PublishBody = z.input<typeof S.PublishBody>;
export type PublishResult = z.infer<typeof S.PublishResult>;
/** Paging of social lists and feeds as a client builds it. */
export type PageParams = { limit?: number; cursor?: string };
