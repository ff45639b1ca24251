import { describe, expect, it } from 'vitest';
import { applyReaction } from './reaction-math.js';

describe('applyReaction', () => {
  const base = { reactions: { like: 2, love: 1 }, like_count: 3, my_reaction: null };

  it('adds, switches and clears the viewer reaction keeping the total exact', () => {
    const liked = applyReaction(base, 'like');
    expect(liked).toEqual({ reactions: { like: 3, love: 1 }, like_count: 4, my_reaction: 'like' });
    const switched = applyReaction(liked, 'love');
    expect(switched).toEqual({ reactions: { like: 2, love: 2 }, like_count: 4, my_reaction: 'love' });
    const cleared = applyReaction(switched, null);
    expect(cleared).toEqual(base);
  });

  it('drops a type whose count reaches zero and treats a repeat as a no-op', () => {
    const mine = { reactions: { wow: 1 }, like_count: 1, my_reaction: 'wow' };
    expect(applyReaction(mine, null)).toEqual({ reactions: {}, like_count: 0, my_reaction: null });
    expect(applyReaction(mine, 'wow')).toBe(mine);
  });
});
