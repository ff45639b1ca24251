import { describe, expect, it } from 'vitest';
import { countAll, find, insert, type ThreadComment, update } from './tree.js';

const node = (id: string, replies: ThreadComment[] = []) => ({ id, replies }) as unknown as ThreadComment;

describe('thread tree helpers', () => {
  const tree = [node('1', [node('2', [node('3')])]), node('4')];

  it('finds nested comments with their parent and position', () => {
    expect(find(tree, '3')).toMatchObject({ parentId: '2', index: 0 });
    expect(find(tree, '4')).toMatchObject({ parentId: null, index: 1 });
    expect(find(tree, 'nope')).toBeNull();
  });

  it('replaces and removes without touching unrelated branches', () => {
    const next = update(tree, '3', () => null);
    expect(countAll(next)).toBe(3);
    expect(next[1]).toBe(tree[1]);
    expect(update(tree, 'missing', () => null)).toBe(tree);
  });

  it('inserts at a position under a parent or at the top level', () => {
    const withReply = insert(tree, '2', node('5'), -1);
    expect(find(withReply, '5')).toMatchObject({ parentId: '2', index: 1 });
    const top = insert(tree, null, node('6'), 0);
    expect(top[0]?.id).toBe('6');
    expect(countAll(top)).toBe(5);
  });
});
