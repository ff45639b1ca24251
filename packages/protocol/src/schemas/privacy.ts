import { z } from 'zod';
import { Author } from './comments.js';
import { Timestamp, UserId } from './common.js';

const AS_CONTEXT = 'https://www.w3.org/ns/activitystreams';

/** One activity of the user in ActivityStreams 2.0 form. */
export const ExportActivity = z
  .object({
    id: z.string(),
    type: z.enum(['Create', 'Like', 'Flag', 'Follow', 'Add', 'Announce']),
    actor: z.string(),
    published: Timestamp,
    object: z.record(z.string(), z.unknown()),
    summary: z.string().optional(),
  })
  .meta({ id: 'ExportActivity' });

export const ActivityCollection = z
  .object({
    '@context': z.literal(AS_CONTEXT),
    type: z.literal('OrderedCollection'),
    totalItems: z.number().int(),
    orderedItems: z.array(ExportActivity),
  })
  .meta({ id: 'ActivityCollection' });

/** Everything one user did on one site, as JSON. */
export const PrivacyExport = z
  .object({
    exported_at: Timestamp,
    site_id: z.string(),
    user: Author.extend({ created_at: Timestamp.nullable() }),
    comments: z.array(
      z.object({
        id: z.string(),
        content_id: z.string(),
        parent_comment_id: z.string().nullable(),
        comment_text: z.string(),
        is_approved: z.boolean(),
        created_at: Timestamp,
        edited_at: Timestamp.nullable(),
      }),
    ),
    reactions: z.array(
      z.object({
        target_type: z.string(),
        target_id: z.string(),
        reaction_type: z.string(),
        created_at: Timestamp,
      }),
    ),
    reports: z.array(
      z.object({
        comment_id: z.string(),
        reason: z.string(),
        details: z.string().nullable(),
        created_at: Timestamp,
      }),
    ),
    activities: ActivityCollection,
    /** Other features' data (follows, bookmarks, notifications…), keyed by feature. */
    sections: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'PrivacyExport' });

export const AccountDeletionResult = z
  .object({
    user_id: UserId,
    /** Comments gone entirely. */
    comments_removed: z.number().int(),
    /** Comments kept as authorless tombstones because others replied to them. */
    comments_anonymised: z.number().int(),
    reactions_removed: z.number().int(),
    reports_removed: z.number().int(),
    /** Records other features removed, keyed by feature. */
    sections_removed: z.record(z.string(), z.number().int()),
  })
  .meta({ id: 'AccountDeletionResult' });

export { AS_CONTEXT };
