import { z } from 'zod';
import { TargetType } from '../constants.js';
import { ReactionCounts } from './comments.js';
import { ContentKey, Id } from './common.js';

/** Counted like any other, never shown or announced with the reactor's identity. */
const Anonymous = z.boolean().default(false);

export const ReactBody = z
  .object({ reaction_type: z.string().min(1).max(32).default('like'), anonymous: Anonymous })
  .meta({ id: 'ReactBody' });

export const ReactionTarget = z.discriminatedUnion('target_type', [
  z.object({ target_type: z.literal(TargetType.Content), target_id: ContentKey }),
  z.object({ target_type: z.literal(TargetType.Comment), target_id: Id }),
]);

export const ReactionBody = z
  .object({
    target_type: z.enum(TargetType),
    target_id: z.string().min(1).max(200),
    reaction_type: z.string().min(1).max(32).default('like'),
    anonymous: Anonymous,
  })
  .meta({ id: 'ReactionBody' });

/** The state of one target's reactions after a change, or on read. */
export const ReactionSummary = z
  .object({
    target_type: z.enum(TargetType),
    target_id: z.string(),
    counts: ReactionCounts,
    /** Sum of `counts`; for comments this equals the comment's `like_count`. */
    total: z.number().int().min(0),
    my_reaction: z.string().nullable(),
  })
  .meta({ id: 'ReactionSummary' });
