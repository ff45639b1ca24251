import { REACTIONS } from '@sharestack/protocol';

export interface Scores {
  best_score: number;
  hot_score: number;
  controversial_score: number;
}

/** +1, -1 or 0 for a reaction type; unknown types are neutral. */
export function polarity(reactionType: string): -1 | 0 | 1 {
  return (REACTIONS as Record<string, { polarity: -1 | 0 | 1 }>)[reactionType]?.polarity ?? 0;
}

/** Lower bound of the Wilson score interval at 95% confidence. */
export function wilson(ups: number, downs: number): number {
  const n = ups + downs;
  if (n <= 0) return 0;
  const z = 1.959963984540054;
  const p = ups / n;
  const z2 = z * z;
  return (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p) + z2 / (4 * n)) / n)) / (1 + z2 / n);
}

/** Reddit's hot: order of magnitude of the net score plus age, so 45 000 s ≈ one order. */
export function hot(ups: number, downs: number, createdAt: string): number {
  const s = ups - downs;
  const order = Math.log10(Math.max(Math.abs(s), 1));
  const sign = Math.sign(s);
  return sign * order + Date.parse(createdAt) / 1000 / 45000;
}

/** Reddit's controversy: many votes, evenly split. */
export function controversial(ups: number, downs: number): number {
  if (ups <= 0 || downs <= 0) return 0;
  const magnitude = ups + downs;
  const balance = ups > downs ? downs / ups : ups / downs;
  return magnitude ** balance;
}

export function scores(ups: number, downs: number, createdAt: string): Scores {
  return {
    best_score: wilson(ups, downs),
    hot_score: hot(ups, downs, createdAt),
    controversial_score: controversial(ups, downs),
  };
}
