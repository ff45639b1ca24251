import { z } from 'zod';

const Score = z.number().min(0).max(1);
const Words = z.array(z.string().trim().min(1).max(100)).max(1000);

/**
 * Site settings of the moderation pipeline, spread into SiteSettings. Thresholds default to
 * the seed's: block at toxicity > 0.8 or spam probability > 0.9, review at overall > 0.6.
 */
export const ModerationSettings = {
  toxicity_block_threshold: Score.default(0.8),
  spam_block_threshold: Score.default(0.9),
  review_threshold: Score.default(0.6),
  /** Words or phrases that block a comment outright. */
  blocked_words: Words.default([]),
  /** Words or phrases that send a comment for review. */
  flagged_words: Words.default([]),
  /** What the built-in obscenity filter does with a match. */
  profanity_filter: z.enum(['off', 'flag', 'block']).default('flag'),
  /** More links than this in one comment counts as link spam. */
  max_links: z.number().int().min(0).max(100).default(2),
  /** Accounts younger than this are new: throttled and scored as riskier. */
  new_account_hours: z.number().int().min(0).max(8760).default(24),
  /** Comments a new account may post per hour. */
  new_account_comments_per_hour: z.number().int().min(1).max(10_000).default(10),
  /** Reports from this many users hide a comment until a moderator reviews it. */
  report_hide_threshold: z.number().int().min(1).max(1000).default(3),
  /** Optional HTTP hook (POST {text} → {toxicity?, spam?}); off when null. */
  external_classifier_url: z.string().url().max(2000).nullable().default(null),
  external_classifier_timeout_ms: z.number().int().min(50).max(10_000).default(1500),
};

type Shape = { [K in keyof typeof ModerationSettings]: (typeof ModerationSettings)[K] };

/** The patch form: every key optional, defaults not applied (see SiteSettingsPatch). */
export function moderationSettingsPatch(s: Shape) {
  return {
    toxicity_block_threshold: s.toxicity_block_threshold.unwrap().optional(),
    spam_block_threshold: s.spam_block_threshold.unwrap().optional(),
    review_threshold: s.review_threshold.unwrap().optional(),
    blocked_words: s.blocked_words.unwrap().optional(),
    flagged_words: s.flagged_words.unwrap().optional(),
    profanity_filter: s.profanity_filter.unwrap().optional(),
    max_links: s.max_links.unwrap().optional(),
    new_account_hours: s.new_account_hours.unwrap().optional(),
    new_account_comments_per_hour: s.new_account_comments_per_hour.unwrap().optional(),
    report_hide_threshold: s.report_hide_threshold.unwrap().optional(),
    external_classifier_url: s.external_classifier_url.unwrap().optional(),
    external_classifier_timeout_ms: s.external_classifier_timeout_ms.unwrap().optional(),
  };
}
