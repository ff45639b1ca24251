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
export type ModerationScores = z.infer<typeof S.ModerationScores>;
export type ModerationVerdict = z.infer<typeof S.ModerationVerdict>;
export type ModerationCheckBody = z.input<typeof S.CheckBody>;
export type ModerationItem = z.infer<typeof S.ModerationItem>;
export type ModerationQueue = z.infer<typeof S.ModerationQueue>;
export type ModerationQueueQuery = Partial<z.output<typeof S.ModerationQueueQuery>>;
export type ModerationActionBody = z.input<typeof S.ModerationActionBody>;
export type BulkModerationBody = z.input<typeof S.BulkModerationBody>;
export type BulkModerationResult = z.infer<typeof S.BulkModerationResult>;
export type ReportBody = z.input<typeof S.ReportBody>;
export type Report = z.infer<typeof S.Report>;
export type BanBody = z.input<typeof S.BanBody>;
export type Ban = z.infer<typeof S.Ban>;
export type AuditEntry = z.infer<typeof S.AuditEntry>;
export type PrivacyExport = z.infer<typeof S.PrivacyExport>;
export type ActivityCollection = z.infer<typeof S.ActivityCollection>;
export type AccountDeletionResult = z.infer<typeof S.AccountDeletionResult>;
