/**
 * Features of a text for the spam classifier: its distinct lower-cased words plus a few
 * shape markers (links, money, shouting) that carry spam signal whatever the words are.
 * Each feature counts once per text (a binarised bag of words), so a long text cannot
 * outvote a short one by repetition.
 */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'_-]{1,24}/gu;
const URL = /\b(?:https?:\/\/|www\.)([^\s/<>"')]+)/gi;
const MONEY = /[$€£]\s?\d|\d+\s?(?:usd|eur|dollars?)\b/i;
const MAX_FEATURES = 400;

export function features(text: string): string[] {
  const out = new Set<string>();
  const lower = text.toLowerCase();
  for (const m of lower.matchAll(URL)) {
    out.add('__url__');
    const host = (m[1] ?? '').replace(/^www\./, '').split(':')[0];
    if (host) out.add(`__host:${host.split('.').slice(-2).join('.')}`);
  }
  if (MONEY.test(lower)) out.add('__money__');
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 12 && letters.replace(/[^\p{Lu}]/gu, '').length / letters.length > 0.6) {
    out.add('__shouting__');
  }
  if (/!{3,}/.test(text)) out.add('__bangs__');
  for (const m of lower.replace(URL, ' ').matchAll(WORD)) {
    const w = m[0];
    if (/^\d+$/.test(w)) continue;
    out.add(w);
    if (out.size >= MAX_FEATURES) break;
  }
  return [...out];
}
