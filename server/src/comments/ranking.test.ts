import { describe, expect, it } from 'vitest';
import { controversial, hot, polarity, scores, wilson } from './ranking.js';

describe('ranking', () => {
  it('takes polarity from the protocol reaction table', () => {
    expect(polarity('like')).toBe(1);
    expect(polarity('angry')).toBe(-1);
    expect(polarity('sad')).toBe(0);
    expect(polarity('unknown')).toBe(0);
  });

  it('computes the Wilson lower bound', () => {
    expect(wilson(0, 0)).toBe(0);
    expect(wilson(1, 0)).toBeCloseTo(0.2065, 4);
    expect(wilson(10, 0)).toBeCloseTo(0.7225, 4);
    expect(wilson(100, 0)).toBeGreaterThan(wilson(10, 0));
    expect(wilson(5, 5)).toBeLessThan(wilson(6, 4));
  });

  it('makes hot grow with votes and with time', () => {
    const t = '2025-01-01T00:00:00.000Z';
    const later = '2025-01-01T12:30:00.000Z';
    expect(hot(10, 0, t)).toBeCloseTo(1 + Date.parse(t) / 1000 / 45000, 9);
    expect(hot(0, 10, t)).toBeCloseTo(-1 + Date.parse(t) / 1000 / 45000, 9);
    expect(hot(0, 0, later)).toBeCloseTo(hot(10, 0, t), 9);
  });

  it('rates controversy by volume and balance', () => {
    expect(controversial(10, 0)).toBe(0);
    expect(controversial(0, 10)).toBe(0);
    expect(controversial(5, 5)).toBe(10);
    expect(controversial(50, 50)).toBeGreaterThan(controversial(5, 5));
    expect(controversial(9, 1)).toBeCloseTo(10 ** (1 / 9), 9);
  });

  it('bundles all three', () => {
    expect(scores(0, 0, '1970-01-01T00:00:00.000Z')).toEqual({
      best_score: 0,
      hot_score: 0,
      controversial_score: 0,
    });
  });
});
