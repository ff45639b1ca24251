import type { Notification } from '@sharestack/protocol';
import { describe, expect, it } from 'vitest';
import { vapidKeyBytes } from '../notifications.js';
import { appendPage, applyChange, matches, unreadDelta } from './inbox-math.js';

let seq = 0;
function n(extra: Partial<Notification> = {}): Notification {
  const id = extra.id ?? String(++seq);
  return {
    id,
    user_id: 'ann',
    notification_type: 'like',
    actor_id: 'bob',
    actors: [{ id: 'bob', name: 'Bob', avatar_url: null }],
    actor_count: 1,
    count: 1,
    notification_ids: [id],
    target_type: 'comment',
    target_id: '7',
    content_id: 'post-1',
    url: null,
    excerpt: null,
    message: 'Bob liked your comment',
    is_read: false,
    is_archived: false,
    created_at: new Date(Date.UTC(2026, 0, 1, 12, Number(id) % 60)).toISOString(),
    ...extra,
  } as Notification;
}

const ids = (items: Notification[]) => items.map((i) => i.id);

describe('inbox math', () => {
  it('matches the list filters', () => {
    const unread = n();
    expect(matches(unread, {})).toBe(true);
    expect(matches(unread, { is_read: false })).toBe(true);
    expect(matches(unread, { is_read: true })).toBe(false);
    expect(matches(unread, { type: 'follow' })).toBe(false);
    expect(matches(unread, { archived: true })).toBe(false);
    expect(matches({ ...unread, is_archived: true }, { archived: true })).toBe(true);
    expect(matches({ ...unread, is_archived: true }, {})).toBe(false);
  });

  it('puts a new item on top and moves a grown group there, replacing it', () => {
    const [a, b, c] = [n({ id: '30' }), n({ id: '20' }), n({ id: '10' })];
    const fresh = n({ id: '40' });
    expect(ids(applyChange([a, b, c], { kind: 'new', notification: fresh }, {}))).toEqual([
      '40',
      '30',
      '20',
      '10',
    ]);
    const grown = { ...c, count: 5, actor_count: 4, message: 'Bob and 3 others liked your comment' };
    const next = applyChange([a, b, c], { kind: 'new', notification: grown }, {});
    expect(ids(next)).toEqual(['10', '30', '20']);
    expect(next[0]?.count).toBe(5);
    // A list of follows only, or of the archive, does not take a like.
    expect(applyChange([], { kind: 'new', notification: fresh }, { type: 'follow' })).toEqual([]);
    expect(applyChange([], { kind: 'new', notification: fresh }, { archived: true })).toEqual([]);
  });

  it('patches read state in place and drops what no longer matches', () => {
    const [a, b] = [n({ id: '2' }), n({ id: '1' })];
    const read = applyChange([a, b], { kind: 'patch', ids: ['1'], set: { is_read: true } }, {});
    expect(read.map((i) => i.is_read)).toEqual([false, true]);
    expect(
      ids(applyChange([a, b], { kind: 'patch', ids: ['1'], set: { is_read: true } }, { is_read: false })),
    ).toEqual(['2']);
  });

  it('lets the archive take in what was archived elsewhere, in time order, only where it belongs', () => {
    const old = n({ id: '5', is_archived: true, created_at: '2026-01-01T10:00:00.000Z' });
    const newer = n({ id: '9', created_at: '2026-01-01T11:00:00.000Z' });
    const newest = n({ id: '3', is_archived: true, created_at: '2026-01-01T12:00:00.000Z' });
    const change = { kind: 'patch' as const, ids: ['9'], set: { is_archived: true }, items: [newer] };
    const archive = applyChange([newest, old], change, { archived: true });
    expect(ids(archive)).toEqual(['3', '9', '5']);
    expect(archive[1]?.is_archived).toBe(true);
    // A partial list (more pages) does not take an item older than its last one: a later page has it.
    const older = n({ id: '8', created_at: '2026-01-01T09:00:00.000Z' });
    const partial = applyChange(
      [newest, old],
      { ...change, ids: ['8'], items: [older] },
      { archived: true },
      false,
    );
    expect(ids(partial)).toEqual(['3', '5']);
  });

  it('marks all (or one type) read', () => {
    const like = n({ id: '2' });
    const follow = n({ id: '1', notification_type: 'follow' });
    const onlyLikes = applyChange([like, follow], { kind: 'all-read', type: 'like' }, {});
    expect(onlyLikes.map((i) => i.is_read)).toEqual([true, false]);
    expect(applyChange([like, follow], { kind: 'all-read' }, { is_read: false })).toEqual([]);
  });

  it('removes and restores in place', () => {
    const [a, b, c] = [n({ id: '30' }), n({ id: '20' }), n({ id: '10' })];
    const without = applyChange([a, b, c], { kind: 'remove', ids: ['20'] }, {});
    expect(ids(without)).toEqual(['30', '10']);
    expect(ids(applyChange(without, { kind: 'restore', items: [b] }, {}))).toEqual(['30', '20', '10']);
    // Restoring twice keeps one copy.
    expect(ids(applyChange([a, b, c], { kind: 'restore', items: [b] }, {}))).toEqual(['30', '20', '10']);
  });

  it('counts how a change moves the unread count', () => {
    const unread = n({ id: '3' });
    const read = n({ id: '2', is_read: true });
    const archived = n({ id: '1', is_archived: true });
    const items = [unread, read, archived];
    expect(unreadDelta(items, { kind: 'patch', ids: ['3', '2'], set: { is_read: true } })).toBe(-1);
    expect(unreadDelta(items, { kind: 'patch', ids: ['2'], set: { is_read: false } })).toBe(1);
    expect(unreadDelta(items, { kind: 'patch', ids: ['1'], set: { is_archived: false } })).toBe(1);
    expect(unreadDelta(items, { kind: 'all-read' })).toBe(-1);
    expect(unreadDelta(items, { kind: 'all-read', type: 'follow' })).toBe(0);
    expect(unreadDelta(items, { kind: 'remove', ids: ['3'] })).toBe(-1);
    expect(unreadDelta(items, { kind: 'restore', items: [unread] })).toBe(1);
    // A grown unread group is still one unread item.
    expect(unreadDelta(items, { kind: 'new', notification: { ...unread, count: 2 } })).toBe(0);
    expect(unreadDelta(items, { kind: 'new', notification: n({ id: '4' }) })).toBe(1);
  });

  it('appends a page without the items that arrived live meanwhile', () => {
    const [a, b, c] = [n({ id: '30' }), n({ id: '20' }), n({ id: '10' })];
    expect(ids(appendPage([a, b], [b, c]))).toEqual(['30', '20', '10']);
  });

  it('decodes a base64url VAPID key', () => {
    const bytes = new Uint8Array(65).map((_, i) => (i * 37 + 4) % 256);
    const key = Buffer.from(bytes).toString('base64url');
    expect([...vapidKeyBytes(key)]).toEqual([...bytes]);
  });
});
