import { RealtimeErrorCode, Topic } from '@sharestack/protocol';
import { describe, expect, it } from 'vitest';
import { commentFixture } from '../../test/comments.js';
import { dialects } from '../../test/dialects.js';
import { body, describeDialects, useServer } from '../../test/harness.js';
import { eventually, journaled, signedIn, subscribed, trackSockets } from '../../test/ws-client.js';

const track = trackSockets();

describeDialects('real-time: events from the comments slice', (h) => {
  it('delivers new, edited, reacted and deleted comments in order, numbered per topic', async () => {
    const url = await h.listen();
    const f = await commentFixture(h);
    const reader = track(await signedIn(url, f.site.id, null));
    const topic = Topic.comments('post-1');
    const sub = await subscribed(reader, topic);
    expect(sub.cursor).toBe('0');

    const c = await f.create('ann', 'Hello **live**');
    const edited = await h.request('PUT', `/api/comments/${c.id}`, {
      site: f.site.id,
      token: await f.tokenFor('ann'),
      body: { comment_text: 'Hello again' },
    });
    expect(edited.status).toBe(200);
    await f.react('bob', c.id, 'love');
    const reply = await f.create('bob', 'a reply', { parent: c.id });
    await f.remove('ann', c.id);

    await reader.next('event', (m) => m.id === '5');
    const events = journaled(reader, topic);
    expect(events.map((e) => [e.id, e.event])).toEqual([
      ['1', 'new_comment'],
      ['2', 'comment_updated'],
      ['3', 'reaction_update'],
      ['4', 'new_comment'],
      ['5', 'comment_deleted'],
    ]);
    expect(events[0]!.data).toMatchObject({
      comment: { id: c.id, html: expect.stringContaining('<strong>') },
    });
    expect(events[1]!.data).toMatchObject({ comment: { id: c.id, comment_text: 'Hello again' } });
    expect(events[2]!.data).toEqual({
      target_type: 'comment',
      target_id: c.id,
      counts: { love: 1 },
      total: 1,
      user_id: 'bob',
      reaction_type: 'love',
    });
    expect(events[3]!.data).toMatchObject({ comment: { id: reply.id, parent_comment_id: c.id } });
    // It had a reply, so a tombstone stays.
    expect(events[4]!.data).toMatchObject({ id: c.id, outcome: 'tombstone', comment: { is_deleted: true } });
  });

  it('replays what a socket missed from `since`, and resets when it cannot', async () => {
    const url = await h.listen();
    const f = await commentFixture(h);
    for (let i = 0; i < 4; i++) await f.create('ann', `comment ${i}`, { content: 'replay' });
    const topic = Topic.comments('replay');
    const late = track(await signedIn(url, f.site.id, null));
    const sub = await subscribed(late, topic, '1');
    expect(sub).toMatchObject({ cursor: '4', replayed: 3 });
    expect(journaled(late, topic).map((e) => e.id)).toEqual(['2', '3', '4']);

    const current = track(await signedIn(url, f.site.id, null));
    expect(await subscribed(current, topic, '4')).toMatchObject({ cursor: '4', replayed: 0 });

    const ahead = track(await signedIn(url, f.site.id, null));
    ahead.send({ type: 'subscribe', topic, since: '99' });
    expect(await ahead.next('reset')).toMatchObject({ topic, cursor: '4' });
    await ahead.next('subscribed');
    // Live events follow either way.
    await f.create('ann', 'five', { content: 'replay' });
    for (const s of [late, current, ahead]) await s.next('event', (m) => m.id === '5');
    expect(journaled(late, topic).map((e) => e.id)).toEqual(['2', '3', '4', '5']);
  });

  it('answers a subscription it cannot replay with an error, and lets the topic go', async () => {
    const url = await h.listen();
    const site = await h.newSite();
    const topic = Topic.comments('unreadable');
    // A journaled reference that nothing rebuilds: reading it back fails.
    await h.services.store.db
      .insertInto('realtime_events')
      .values({
        site_id: site.id,
        topic,
        seq: 1,
        event: 'new_comment',
        actor_id: null,
        data: '{"replay":"nothing-rebuilds-this"}',
        created_at: new Date().toISOString(),
      })
      .execute();
    const { hub } = h.services.realtime;
    const logged = h.errors.length;
    const s = track(await signedIn(url, site.id, null));
    s.send({ type: 'subscribe', topic, since: '0', ref: 'r' });
    expect(await s.next('error', (m) => m.ref === 'r')).toMatchObject({
      code: RealtimeErrorCode.Unavailable,
      topic,
    });
    expect(h.errors.slice(logged)).toEqual([{ msg: expect.stringContaining(topic), err: expect.any(Error) }]);
    // No socket follows it, so no state is kept for it.
    await eventually(() => hub.stats().topics === 0);
    // The socket carries on, and the topic opens without a replay.
    expect(await subscribed(s, topic)).toMatchObject({ cursor: '1', replayed: 0 });
  });

  it('does not broadcast held comments or reactions on them', async () => {
    const url = await h.listen();
    const f = await commentFixture(h, { pre_moderation: 'all' });
    const topic = Topic.comments('held');
    const reader = track(await signedIn(url, f.site.id, null));
    await subscribed(reader, topic);
    const held = await f.create('ann', 'waiting for review', { content: 'held' });
    expect(held.is_approved).toBe(false);
    await f.react('ann', held.id, 'like');
    await f.remove('ann', held.id);
    // A public change on another content proves the socket is live and nothing came before.
    const other = Topic.comments('elsewhere');
    await subscribed(reader, other);
    const res = await h.request('POST', '/api/reactions', {
      site: f.site.id,
      token: await f.tokenFor('bob'),
      body: { target_type: 'content', target_id: 'elsewhere', reaction_type: 'like' },
    });
    expect(res.status).toBe(200);
    await reader.next('event', (m) => m.topic === other && m.id !== null);
    expect(journaled(reader, topic)).toEqual([]);
  });
});

describe('real-time journal', () => {
  const h = useServer(dialects[0]!);
  it('keeps each topic numbering after pruning old events', async () => {
    const f = await commentFixture(h);
    for (let i = 0; i < 3; i++) await f.create('ann', `c${i}`, { content: 'prune' });
    const { pruneEvents, headSeq, readEvents } = await import('./journal.js');
    const db = h.services.store.db;
    // Only what is older than the cut goes: everything up to the topic's first event, dated
    // back (ids grow with time, which the pruner relies on).
    const topicRows = () =>
      db
        .selectFrom('realtime_events')
        .select(['id', 'seq'])
        .where('site_id', '=', f.site.id)
        .where('topic', '=', Topic.comments('prune'))
        .orderBy('seq')
        .execute();
    const [first] = await topicRows();
    await db
      .updateTable('realtime_events')
      .set({ created_at: '2000-01-01T00:00:00.000Z' })
      .where('id', '<=', first!.id)
      .execute();
    expect(await pruneEvents(db, '2001-01-01T00:00:00.000Z')).toBeGreaterThanOrEqual(1);
    expect((await topicRows()).map((r) => Number(r.seq))).toEqual([2, 3]);
    expect((await readEvents(db, f.site.id, Topic.comments('prune'), 1, 3)).map((e) => e.seq)).toEqual([
      2, 3,
    ]);
    expect(await pruneEvents(db, new Date(Date.now() + 60_000).toISOString())).toBeGreaterThanOrEqual(2);
    expect(await headSeq(db, f.site.id, Topic.comments('prune'))).toBe(3);
    await f.create('ann', 'c3', { content: 'prune' });
    expect(await headSeq(db, f.site.id, Topic.comments('prune'))).toBe(4);
    const res = await h.request('GET', '/api/comments/prune', { site: f.site.id });
    expect((await body<{ total_count: number }>(res)).total_count).toBe(4);
  });
});
