import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';

/** The obscenity package's English set, with its leetspeak and look-alike handling. */
const profanity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

/** The matcher's own parts the pre-check uses (obscenity ~0.4; see `anyTerm`). */
interface MatcherParts {
  blacklistedTerms?: Array<{ regExp?: unknown }>;
  blacklistMatcherTransformers?: unknown;
  applyTransformers?: (input: string, transformers: unknown) => [number[], string];
}

/**
 * `hasMatch` works out the whitelisted spans ("pen is", "assess"…), then runs each of its ~120
 * term expressions over the transformed text in turn: 40 µs a comment, most of the pipeline's
 * time, to find nothing in nearly every one. One expression that matches wherever any term does
 * (their alternation, over the same transformed text) answers for a clean text in a few µs;
 * a text it matches goes to `hasMatch`, whose verdict (whitelist and all) stands. Should a
 * later obscenity lay out its matcher otherwise, every text goes to `hasMatch`.
 */
const anyTerm = (() => {
  const parts = profanity as unknown as MatcherParts;
  const terms = parts.blacklistedTerms;
  if (typeof parts.applyTransformers !== 'function' || !Array.isArray(terms) || terms.length === 0)
    return null;
  if (!terms.every((t) => t.regExp instanceof RegExp && t.regExp.flags === 'gs')) return null;
  const any = new RegExp(terms.map((t) => `(?:${(t.regExp as RegExp).source})`).join('|'), 's');
  const transform = parts.applyTransformers.bind(profanity);
  const transformers = parts.blacklistMatcherTransformers;
  return (text: string) => any.test(transform(text, transformers)[1]);
})();

export function hasProfanity(text: string): boolean {
  if (anyTerm && !anyTerm(text)) return false;
  return profanity.hasMatch(text);
}

/** Whether hasProfanity takes the pre-check (tests check it agrees with obscenity's own answer). */
export const profanityPrecheck = anyTerm !== null;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One regex per site word list, rebuilt only when the list (object) changes. */
const compiled = new WeakMap<readonly string[], RegExp | null>();

function listPattern(words: readonly string[]): RegExp | null {
  let re = compiled.get(words);
  if (re === undefined) {
    const alternatives = words.map((w) => escapeRegExp(w.toLowerCase()).replace(/\s+/g, '\\s+'));
    re =
      alternatives.length === 0
        ? null
        : new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
    compiled.set(words, re);
  }
  return re;
}

/** Distinct list entries found in `text`, lower-cased, whole words only. */
export function matchWords(text: string, words: readonly string[]): string[] {
  const re = listPattern(words);
  if (!re) return [];
  return [...new Set([...text.toLowerCase().matchAll(re)].map((m) => m[0].replace(/\s+/g, ' ')))];
}
