import type { Activity, FeedEntry } from '@sharestack/protocol';
import { describe, expect, it } from 'vitest';
import { addToFeed } from './feed-live.js';

const actor = (id: string) => ({ id, name: id.toUpperCase(), avatar_url: null });
const activity = (id: string, user: string, type: Activity['activity_type'], target: string): Activity => ({
  id,
  user_id: user,
  activity_type: type,
  target_type: 'content',
  target_id: target,
  visibility: 'public',
  created_at: `2026-01-01T00:00:0${id}.000Z`,
  actor: actor(user),
  target: { target_type: 'content', target_id: target, title: target, url: null },
});
const entry = (a: Activity, more: Partial<FeedEntry> = {}): FeedEntry => ({
  id: a.id,
  activity_type: a.activity_type,
  kind: 'activity',
  target_type: a.target_type,
  target_id: a.target_id,
  target: a.target,
  actors: [a.actor],
  actor_count: 1,
  activity_ids: [a.id],
  created_at: a.created_at,
  ...more,
});

describe('addToFeed', () => {
  const liked = activity('1', 'ann', 'liked', 'post');
  const other = activity('2', 'bob', 'commented', 'elsewhere');

  it('joins the entry of the same type and target, which moves to the top', () => {
    const items = [entry(other), entry(liked)];
    const next = addToFeed(items, activity('3', 'carl', 'liked', 'post'));
    expect(next.map((e) => e.target_id)).toEqual(['post', 'elsewhere']);
    expect(next[0]).toMatchObject({ id: '3', actor_count: 2, activity_ids: ['3', '1'] });
    expect(next[0]!.actors.map((a) => a.id)).toEqual(['carl', 'ann']);
  });

  it('counts an actor it already names once, and ignores an activity it holds', () => {
    const items = [entry(liked)];
    const again = addToFeed(items, activity('4', 'ann', 'liked', 'post'));
    expect(again[0]).toMatchObject({ actor_count: 1, activity_ids: ['4', '1'] });
    expect(addToFeed(again, activity('4', 'ann', 'liked', 'post'))).toBe(again);
  });

  it('starts a new entry for something new, and when a group names only some of its actors', () => {
    const published = addToFeed([entry(liked)], activity('5', 'dan', 'published', 'news'));
    expect(published[0]).toMatchObject({ kind: 'creator_update', actor_count: 1, target_id: 'news' });
    const crowd = [entry(liked, { actor_count: 5 })];
    const next = addToFeed(crowd, activity('6', 'eve', 'liked', 'post'));
    expect(next.map((e) => e.actor_count)).toEqual([1, 5]);
  });
});
