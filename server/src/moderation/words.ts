import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';

/** The obscenity package's English set, with its leetspeak and look-alike handling. */
const profanity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

export function hasProfanity(text: string): boolean {
  return profanity.hasMatch(text);
}

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
