import type { ModerationScores, ModerationVerdict, PipelineAction, SiteSettings } from '@sharestack/protocol';
import type { SpamModel } from './classifier/naive-bayes.js';
import { type Learned, spamProbability } from './classifier/naive-bayes.js';
import { features } from './classifier/tokens.js';
import { hasProfanity, matchWords } from './words.js';

/** What the pipeline knows about the author and their recent writing. */
export interface AuthorContext {
  /** Hours since the user was first seen on the site; null for a first comment. */
  accountAgeHours: number | null;
  /** The author's latest comments on the site (newest first), for duplicate checks. */
  recentTexts: string[];
  /** Earlier comments of theirs that moderators rejected or marked as spam. */
  rejectedCount: number;
}

export interface ExternalScores {
  toxicity?: number;
  spam?: number;
}

/** A classifier outside the process, asked over HTTP (off unless a site configures one). */
export type ExternalClassifier = (url: string, text: string, timeoutMs: number) => Promise<ExternalScores>;

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"')]+/gi;
const RANK: Record<PipelineAction, number> = { approve: 0, flag_for_review: 1, block: 2 };
const stronger = (a: PipelineAction, b: PipelineAction) => (RANK[a] >= RANK[b] ? a : b);
const clamp = (n: number) => Math.min(1, Math.max(0, n));
const round = (n: number) => Math.round(n * 1000) / 1000;
const normalise = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();

/** Scores for text the classifier cannot see: links beyond the site's allowance. */
function linkScore(text: string, maxLinks: number): { score: number; count: number } {
  const count = text.match(URL_RE)?.length ?? 0;
  if (count === 0) return { score: 0, count };
  if (count <= maxLinks) return { score: 0.2 * (count / Math.max(1, maxLinks)), count };
  return { score: clamp(0.7 + 0.05 * (count - maxLinks - 1)), count };
}

/** Copy-paste flooding (the same text again) and keyboard mashing (one character or word over and over). */
function repetitionScore(text: string, recent: string[]): { score: number; flag: string | null } {
  const norm = normalise(text);
  if (norm.length >= 8 && recent.some((r) => normalise(r) === norm)) return { score: 0.8, flag: 'duplicate' };
  if (/(.)\1{9,}/su.test(text)) return { score: 0.6, flag: 'repetition' };
  const words = norm.split(' ').filter(Boolean);
  if (words.length >= 12 && new Set(words).size / words.length < 0.3)
    return { score: 0.6, flag: 'repetition' };
  return { score: 0, flag: null };
}

/**
 * The seed's moderation pipeline: every check yields a score in [0, 1] and maybe flags; the
 * overall score combines them as independent evidence (noisy-OR); the action follows the
 * site's thresholds (the seed's by default), and word lists can force a stronger action.
 */
export async function runPipeline(
  settings: SiteSettings,
  text: string,
  author: AuthorContext,
  model: SpamModel,
  learned: Learned,
  external: ExternalClassifier | null,
  /** The classifier's features of `text`, when the caller already has them. */
  feats: string[] = features(text),
): Promise<ModerationVerdict> {
  const flags: string[] = [];
  let forced: PipelineAction = 'approve';

  let toxicity = 0;
  if (settings.profanity_filter !== 'off' && hasProfanity(text)) {
    flags.push('profanity');
    toxicity = settings.profanity_filter === 'block' ? 1 : 0.7;
    forced = stronger(forced, settings.profanity_filter === 'block' ? 'block' : 'flag_for_review');
  }
  for (const w of matchWords(text, settings.blocked_words)) {
    flags.push(`blocked_word:${w}`);
    toxicity = 1;
    forced = 'block';
  }
  for (const w of matchWords(text, settings.flagged_words)) {
    flags.push(`flagged_word:${w}`);
    forced = stronger(forced, 'flag_for_review');
  }

  const links = linkScore(text, settings.max_links);
  if (links.count > settings.max_links) flags.push('links');
  const repetition = repetitionScore(text, author.recentTexts);
  if (repetition.flag) flags.push(repetition.flag);

  let behaviour = 0;
  if (author.accountAgeHours === null || author.accountAgeHours < settings.new_account_hours) {
    flags.push('new_account');
    behaviour += 0.3;
  }
  if (author.rejectedCount > 0) {
    flags.push('rejected_before');
    behaviour += 0.2 * author.rejectedCount;
  }

  const spam = spamProbability(model, feats, learned);
  if (spam > 0.5) flags.push('spam_classifier');

  const scores: ModerationScores = {
    spam_probability: round(spam),
    toxicity: round(toxicity),
    links: round(links.score),
    repetition: round(repetition.score),
    user_behavior: round(clamp(behaviour)),
  };

  if (external && settings.external_classifier_url) {
    try {
      const ext = await external(
        settings.external_classifier_url,
        text,
        settings.external_classifier_timeout_ms,
      );
      if (typeof ext.toxicity === 'number') {
        scores.external_toxicity = round(clamp(ext.toxicity));
        scores.toxicity = Math.max(scores.toxicity, scores.external_toxicity);
      }
      if (typeof ext.spam === 'number') {
        scores.external_spam = round(clamp(ext.spam));
        scores.spam_probability = Math.max(scores.spam_probability, scores.external_spam);
      }
    } catch {
      // The hook is advisory: a slow or broken one must not stop comments.
      flags.push('external_unavailable');
    }
  }

  // Only a probability above even odds is evidence of spam.
  const weighted = [
    Math.max(0, 2 * scores.spam_probability - 1),
    scores.toxicity,
    scores.links,
    scores.repetition,
    scores.user_behavior * 0.5,
  ];
  const overall = round(1 - weighted.reduce((p, s) => p * (1 - s), 1));

  let action: PipelineAction = 'approve';
  if (
    scores.toxicity > settings.toxicity_block_threshold ||
    scores.spam_probability > settings.spam_block_threshold
  ) {
    action = 'block';
  } else if (overall > settings.review_threshold) {
    action = 'flag_for_review';
  }
  return { overall_score: overall, individual_scores: scores, flags, action: stronger(action, forced) };
}

/** The default external hook: POST {text} as JSON, expect {toxicity?, spam?} numbers back. */
export const httpClassifier: ExternalClassifier = async (url, text, timeoutMs) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ text }),
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'error',
  });
  if (!res.ok) throw new Error(`external classifier answered ${res.status}`);
  const body = (await res.json()) as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const out: ExternalScores = {};
  const toxicity = num(body.toxicity);
  const spam = num(body.spam);
  if (toxicity !== undefined) out.toxicity = toxicity;
  if (spam !== undefined) out.spam = spam;
  return out;
};
