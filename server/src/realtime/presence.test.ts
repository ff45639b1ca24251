import { describe, expect, it } from 'vitest';
import { TopicPresence } from './presence.js';

describe('TopicPresence', () => {
  it('counts a person once across tabs and processes, and forgets silent processes', () => {
    const p = new TopicPresence();
    const ann = { id: 'ann', name: 'Ann' };
    p.join(ann);
    p.join(ann);
    p.join(null);
    expect(p.total(10)).toEqual({ count: 2, users: [ann] });
    p.heard(
      'other',
      [
        ['ann', 'Ann'],
        ['bob', 'Bob'],
      ],
      1,
      1_000,
    );
    expect(p.total(10).count).toBe(4); // Ann, Bob, two anonymous readers
    expect(p.total(1).users).toHaveLength(1);
    p.leave(ann);
    expect(p.total(10).count).toBe(4); // Ann still has a tab here
    p.expire(30_000, 40_000);
    expect(p.total(10)).toEqual({ count: 2, users: [ann] });
    expect(p.snapshot()).toEqual({ members: [['ann', 'Ann']], anonymous: 1 });
    p.leave(ann);
    p.leave(null);
    p.leave(null); // never below zero
    expect(p.total(10)).toEqual({ count: 0, users: [] });
    expect(p.dirty).toBe(true);
  });
});
