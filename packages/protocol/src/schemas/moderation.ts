import { z } from 'zod';
import {
  BanKind,
  Limits,
  MODERATION_ACTIONS,
  MODERATION_PRIORITIES,
  type ModerationAction,
  type ModerationPriority,
  PipelineAction,
  REPORT_REASONS,
  type ReportReason,
} from '../constants.js';
import { Comment } from './comments.js';
import { Cursor, Id, Limit, listOf, Timestamp, UserId } from './common.js';

export const ModerationPriorityName = z.enum(
  MODERATION_PRIORITIES as [ModerationPriority, ...ModerationPriority[]],
);
export const ModerationActionName = z.enum(MODERATION_ACTIONS as [ModerationAction, ...ModerationAction[]]);
export const ReportReasonName = z.enum(REPORT_REASONS as [ReportReason, ...ReportReason[]]);

/** Scores in [0, 1] from each check of the pipeline (the seed's individual_scores). */
export const ModerationScores = z
  .object({
    spam_probability: z.number(),
    toxicity: z.number(),
    links: z.number(),
    repetition: z.number(),
    user_behavior: z.number(),
    /** Present when an external classifier answered. */
    external_toxicity: z.number().optional(),
    external_spam: z.number().optional(),
  })
  .meta({ id: 'ModerationScores' });

/** The pipeline's verdict on one text (the seed's moderation_results). */
export const ModerationVerdict = z
  .object({
    overall_score: z.number(),
    individual_scores: ModerationScores,
    /** Why: e.g. `profanity`, `blocked_word:casino`, `links`, `repetition`, `new_account`. */
    flags: z.array(z.string()),
    action: z.enum(PipelineAction),
  })
  .meta({ id: 'ModerationVerdict' });

/** A dry run: what the pipeline would say about a text, optionally as if `user_id` wrote it. */
export const CheckBody = z
  .object({
    comment_text: z.string().trim().min(1).max(Limits.commentTextMax),
    user_id: UserId.optional(),
  })
  .meta({ id: 'ModerationCheckBody' });

export const ModerationItem = z
  .object({
    id: Id,
    comment_id: Id,
    content_id: z.string(),
    /** The comment's author. */
    user_id: UserId,
    priority: ModerationPriorityName,
    status: z.enum(['pending', 'resolved']),
    /** What put it in the queue: `pre_moderation`, `pipeline`, `reports`, `edit`. */
    reasons: z.array(z.string()),
    verdict: ModerationVerdict.nullable(),
    report_count: z.number().int().min(0),
    /** Report reasons with how many users gave each. */
    report_reasons: z.record(z.string(), z.number().int()),
    assigned_to: UserId.nullable(),
    lease_expires_at: Timestamp.nullable(),
    resolution: ModerationActionName.nullable(),
    resolved_by: UserId.nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
    /** The comment as a moderator sees it now; null once it is gone. */
    comment: Comment.nullable(),
  })
  .meta({ id: 'ModerationItem' });

export const ModerationQueue = listOf(ModerationItem)
  .extend({
    /** Pending items per priority, whatever the filter. */
    counts: z.record(z.string(), z.number().int()),
  })
  .meta({ id: 'ModerationQueue' });

export const ModerationQueueQuery = z.object({
  status: z.enum(['pending', 'resolved']).default('pending'),
  priority: ModerationPriorityName.optional(),
  limit: Limit,
  cursor: Cursor.optional(),
});

export const ModerationItemParams = z.object({ item_id: Id });

export const ModerationActionBody = z
  .object({
    action: ModerationActionName,
    reason: z.string().trim().max(500).optional(),
    /** For `ban` and `shadow_ban`: how long; forever when omitted. */
    duration_seconds: z
      .number()
      .int()
      .min(60)
      .max(10 * 365 * 86_400)
      .optional(),
  })
  .meta({ id: 'ModerationActionBody' });

export const BulkModerationBody = ModerationActionBody.extend({
  item_ids: z.array(Id).min(1).max(100),
}).meta({ id: 'BulkModerationBody' });

export const BulkModerationResult = z
  .object({
    items: z.array(ModerationItem),
    /** Items that could not be acted on, with the problem code why. */
    failed: z.array(z.object({ id: z.string(), code: z.string() })),
  })
  .meta({ id: 'BulkModerationResult' });

export const ReportBody = z
  .object({
    comment_id: Id,
    reason: ReportReasonName,
    details: z.string().trim().max(1000).optional(),
  })
  .meta({ id: 'ReportBody' });

export const Report = z
  .object({
    id: Id,
    comment_id: Id,
    reason: ReportReasonName,
    details: z.string().nullable(),
    created_at: Timestamp,
    /** True when this report pushed the comment over the site's threshold and hid it. */
    hidden: z.boolean(),
  })
  .meta({ id: 'Report' });

export const BanBody = z
  .object({
    user_id: UserId,
    kind: z.enum(BanKind).default('ban'),
    reason: z.string().trim().max(500).optional(),
    duration_seconds: ModerationActionBody.shape.duration_seconds,
  })
  .meta({ id: 'BanBody' });

export const Ban = z
  .object({
    user_id: UserId,
    kind: z.enum(BanKind),
    reason: z.string().nullable(),
    created_by: UserId,
    created_at: Timestamp,
    /** Null: until lifted. */
    expires_at: Timestamp.nullable(),
  })
  .meta({ id: 'Ban' });

export const BanList = listOf(Ban).meta({ id: 'BanList' });
export const BanParams = z.object({ user_id: UserId });

export const AuditEntry = z
  .object({
    id: Id,
    moderator_id: UserId,
    action: z.string(),
    target_type: z.enum(['comment', 'user', 'item']),
    target_id: z.string(),
    reason: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    created_at: Timestamp,
  })
  .meta({ id: 'AuditEntry' });

export const AuditLog = listOf(AuditEntry).meta({ id: 'AuditLog' });
export const AuditQuery = z.object({
  limit: Limit,
  cursor: Cursor.optional(),
  moderator_id: UserId.optional(),
  target_id: z.string().max(200).optional(),
});

export const BanListQuery = z.object({ limit: Limit, cursor: Cursor.optional() });
