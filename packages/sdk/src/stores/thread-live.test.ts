import { type Comment, type RealtimeEnvelope, RealtimeEvent, RealtimeLimits } from '@sharestack/protocol';
import { atom } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type LiveContext, liveThread } from './thread-live.js';
import type { ThreadState } from './thread-store.js';
import { type ThreadComment, toThreadComment, update } from './tree.js';

const comment = (id: string, user: string, more: Partial<Comment> = {}): Comment => ({
  id,
  content_id: 'post',
  user_id: user,
  parent_comment_id: null,
  root_comment_id: null,
  depth: 0,
  path: `/${id}/`,
  comment_text: `text ${id}`,
  html: `<p>text ${id}</p>`,
  is_approved: true,
  is_deleted: false,
  like_count: 0,
  reply_count: 0,
  reactions: {},
  my_reaction: null,
  mentions: [],
  author: { id: user, name: user.toUpperCase(), avatar_url: null, is_guest: false },
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  edited_at: null,
  replies: [],
  has_more_replies: false,
  ...more,
});

let seq = 0;
const event = (name: string, data: unknown, journaled = true): RealtimeEnvelope => ({
  type: 'event',
  topic: 'comments:content:post',
  id: journaled ? String(++seq) : null,
  event: name,
  data,
});
const typing = (id: string) => event(RealtimeEvent.Typing, { user: { id, name: id.toUpperCase() } }, false);

/** A live thread over a ready state holding `items`, as the thread store wires it. */
function thread(items: Comment[], viewer = 'ann') {
  const $state = atom<ThreadState>({
    status: 'ready',
    sort: 'old',
    items: items.map(toThreadComment),
    next_cursor: null,
    total_count: items.length,
    loadingMore: false,
    error: null,
    incoming: [],
    presence: null,
    typing: [],
  });
  const patch = (p: Partial<ThreadState>) => $state.set({ ...$state.get(), ...p });
  const ctx: LiveContext = {
    $state,
    patch,
    edit: (id: string, fn: (c: ThreadComment) => ThreadComment | null) =>
      patch({ items: update($state.get().items, id, fn) }),
    removedHere: new Set(),
    viewerId: () => viewer,
  };
  const live = liveThread(ctx);
  return { $state, live, typists: () => $state.get().typing.map((u) => u.id) };
}

describe('live thread: typing', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("ends a user's typing as soon as their comment arrives, not when it times out", () => {
    const { live, typists, $state } = thread([comment('1', 'ann')]);
    live.apply(typing('bob'));
    live.apply(typing('cat'));
    expect(typists()).toEqual(['bob', 'cat']);

    vi.advanceTimersByTime(1000);
    live.apply(event(RealtimeEvent.NewComment, { comment: comment('2', 'bob') }));
    expect(typists()).toEqual(['cat']);
    expect($state.get().incoming.map((c) => c.id)).toEqual(['2']);

    // Bob's old timer is gone: typing again starts a fresh one of its own.
    live.apply(typing('bob'));
    vi.advanceTimersByTime(RealtimeLimits.typingShowMs - 1000);
    expect(typists()).toEqual(['bob']);
    vi.advanceTimersByTime(1000);
    expect(typists()).toEqual([]);
    live.dispose();
  });

  it('ends it for a reply too, wherever it lands', () => {
    const { live, typists, $state } = thread([comment('1', 'ann')]);
    live.apply(typing('bob'));
    const reply = comment('3', 'bob', {
      parent_comment_id: '1',
      root_comment_id: '1',
      depth: 1,
      path: '/1/3/',
    });
    live.apply(event(RealtimeEvent.NewComment, { comment: reply }));
    expect(typists()).toEqual([]);
    expect($state.get().items[0]!.replies.map((c) => c.id)).toEqual(['3']);
    // Nothing fires later for the typing that already ended.
    vi.advanceTimersByTime(RealtimeLimits.typingShowMs);
    expect(typists()).toEqual([]);
    live.dispose();
  });

  it("leaves others' typing alone, and a comment from someone not typing changes nothing", () => {
    const { live, typists } = thread([]);
    live.apply(typing('bob'));
    live.apply(event(RealtimeEvent.NewComment, { comment: comment('4', 'dan') }));
    expect(typists()).toEqual(['bob']);
    live.dispose();
  });
});

describe('live thread: a withheld comment', () => {
  it("takes its author's comment as rejected in place, keeping its replies and the viewer's reaction", () => {
    const held = comment('5', 'ann', {
      is_approved: false,
      moderation_status: 'pending',
      my_reaction: 'like',
    });
    const reply = comment('6', 'ann', {
      parent_comment_id: '5',
      root_comment_id: '5',
      depth: 1,
      path: '/5/6/',
    });
    const { live, $state } = thread([{ ...held, replies: [reply] }]);
    live.apply(
      event(RealtimeEvent.CommentModerated, {
        comment: { ...held, my_reaction: null, moderation_status: 'rejected' },
      }),
    );
    const [shown] = $state.get().items;
    expect(shown).toMatchObject({
      id: '5',
      is_approved: false,
      moderation_status: 'rejected',
      my_reaction: 'like',
    });
    expect(shown!.replies.map((c) => c.id)).toEqual(['6']);
  });

  it('brings back, held, a comment that a hidden-for-review event had turned into a tombstone', () => {
    const mine = comment('7', 'ann');
    const { live, $state } = thread([mine]);
    live.apply(event(RealtimeEvent.CommentDeleted, { id: '7', outcome: 'removed', comment: null }));
    expect($state.get().items[0]).toMatchObject({ is_deleted: true });
    live.apply(
      event(RealtimeEvent.CommentModerated, {
        comment: { ...mine, is_approved: false, moderation_status: 'pending' },
      }),
    );
    expect($state.get().items[0]).toMatchObject({
      is_deleted: false,
      is_approved: false,
      moderation_status: 'pending',
      comment_text: 'text 7',
    });
  });

  it('shows a held comment the viewer has as published once it is approved', () => {
    const held = comment('8', 'ann', {
      is_approved: false,
      moderation_status: 'pending',
      my_reaction: 'like',
    });
    const { live, $state } = thread([held]);
    live.apply(
      event(RealtimeEvent.NewComment, {
        comment: { ...held, is_approved: true, moderation_status: undefined, my_reaction: null },
      }),
    );
    const { items, incoming } = $state.get();
    expect(items).toHaveLength(1);
    expect(incoming).toEqual([]);
    expect(items[0]).toMatchObject({ id: '8', is_approved: true, my_reaction: 'like' });
    expect(items[0]!.moderation_status).toBeUndefined();
  });
});
