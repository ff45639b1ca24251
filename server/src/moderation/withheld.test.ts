import {
  type Comment,
  type ModerationItem,
  type NewCommentData,
  RealtimeEvent,
  Topic,
} from '@sharestack/protocol';
import { expect, it } from 'vitest';
import { flatten } from '../../test/comments.js';
import { body, describeDialects } from '../../test/harness.js';
import { MOD, moderationFixture } from '../../test/moderation.js';
import { journaled, signedIn, subscribed, trackSockets } from '../../test/ws-client.js';

const track = trackSockets();

/** The comment `id` in a thread, replies included. */
const findIn = (items: Comment[], id: string) => flatten(items).find((c) => c.id === id);

describeDialects('a comment a moderator rejected', (h) => {
  it('shows to its author and moderators as rejected, apart from one still held, and to nobody else', async () => {
    const f = await moderationFixture(h, { pre_moderation: 'all' });
    const root = await f.create('mod', 'Pinned by the moderators', { claims: MOD });
    expect(root.is_approved).toBe(true);
    // Published comments never carry it, whoever reads them.
    expect(root).not.toHaveProperty('moderation_status');

    const held = await body<Comment>(await f.post('ann', 'Please publish me'));
    expect(held).toMatchObject({ is_approved: false, moderation_status: 'pending' });
    const reply = await f.create('ann', 'And a reply of mine', { parent: root.id });
    expect(reply).toMatchObject({ is_approved: false, moderation_status: 'pending' });
    const waiting = await body<Comment>(await f.post('ann', 'Still in the queue'));

    const items = (await f.queue()).items;
    const itemOf = (id: string) => items.find((i) => i.comment_id === id)!;
    expect((await f.act(itemOf(held.id).id, 'reject')).status).toBe(200);
    expect((await f.act(itemOf(reply.id).id, 'spam')).status).toBe(200);

    for (const [user, claims] of [
      ['ann', {}],
      ['mod', MOD],
    ] as const) {
      const thread = (await f.thread('post-1', '', user, claims)).items;
      expect(findIn(thread, held.id), user).toMatchObject({
        is_approved: false,
        moderation_status: 'rejected',
      });
      expect(findIn(thread, reply.id), user).toMatchObject({
        is_approved: false,
        moderation_status: 'rejected',
      });
      expect(findIn(thread, waiting.id), user).toMatchObject({
        is_approved: false,
        moderation_status: 'pending',
      });
      expect(findIn(thread, root.id), user).not.toHaveProperty('moderation_status');
      // The same on a reply tree fetched on its own.
      const subtree = (await f.thread('post-1', `root=${root.id}`, user, claims)).items;
      expect(findIn(subtree, reply.id), user).toMatchObject({ moderation_status: 'rejected' });
    }
    for (const user of ['bob', undefined]) {
      const thread = (await f.thread('post-1', '', user)).items;
      expect(flatten(thread).map((c) => c.id)).toEqual([root.id]);
      expect(thread[0]).not.toHaveProperty('moderation_status');
    }

    // Nobody replies to a rejected comment, its author neither; to one still held, its author may.
    const author = { roles: [] as string[] };
    for (const [user, claims] of [
      ['ann', author],
      ['mod', MOD],
    ] as const) {
      const res = await f.call(
        'POST',
        '/api/comments',
        user,
        { content_id: 'post-1', comment_text: 'Re', parent_comment_id: held.id },
        claims,
      );
      expect([res.status, (await body(res)).code], user).toEqual([409, 'conflict']);
    }
    const own = await f.call(
      'POST',
      '/api/comments',
      'ann',
      { content_id: 'post-1', comment_text: 'Re', parent_comment_id: waiting.id },
      { roles: [] },
    );
    expect(own.status).toBe(201);
    await f.call('DELETE', `/api/comments/${(await body<Comment>(own)).id}/`, 'ann', undefined, {
      roles: [],
    });

    // The queue's resolved item shows it the same way.
    const resolved = await f.itemFor(held.id);
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'reject' });
    expect(resolved!.comment).toMatchObject({ id: held.id, moderation_status: 'rejected' });
    const pending = await f.itemFor(waiting.id);
    expect(pending!.comment).toMatchObject({ moderation_status: 'pending' });

    // Approved after all (a second look), it is published like any other: the field goes.
    const second = await f.act(itemOf(waiting.id).id, 'approve');
    expect(second.status).toBe(200);
    expect((await body<ModerationItem>(second)).comment).not.toHaveProperty('moderation_status');
    const after = (await f.thread('post-1', '', 'ann')).items;
    expect(findIn(after, waiting.id)).toMatchObject({ is_approved: true });
    expect(findIn(after, waiting.id)).not.toHaveProperty('moderation_status');
  });

  it('counts a ban as a rejection of the comment it was given for', async () => {
    const f = await moderationFixture(h, { pre_moderation: 'all' });
    const held = await body<Comment>(await f.post('troll', 'Something awful'));
    const item = (await f.queue()).items.find((i) => i.comment_id === held.id)!;
    expect((await f.act(item.id, 'ban')).status).toBe(200);
    const own = (await f.thread('post-1', '', 'troll')).items;
    expect(findIn(own, held.id)).toMatchObject({ is_approved: false, moderation_status: 'rejected' });
  });

  it('tells its author and moderators live, on the thread topic, and nobody else, replayed or not', async () => {
    const url = await h.listen();
    const f = await moderationFixture(h, { pre_moderation: 'all' });
    const topic = Topic.comments('post-1');
    const author = track(await signedIn(url, f.site.id, await f.tokenFor('ann')));
    const mod = track(await signedIn(url, f.site.id, await f.tokenFor('mia', MOD)));
    const reader = track(await signedIn(url, f.site.id, await f.tokenFor('bob')));
    const anonymous = track(await signedIn(url, f.site.id, null));
    for (const s of [author, mod, reader, anonymous]) await subscribed(s, topic);

    const held = await body<Comment>(await f.post('ann', 'Please publish me'));
    const item = (await f.queue()).items.find((i) => i.comment_id === held.id)!;
    expect((await f.act(item.id, 'reject')).status).toBe(200);

    for (const s of [author, mod]) {
      const e = await s.next('event', (m) => m.event === RealtimeEvent.CommentModerated);
      expect(e.topic).toBe(topic);
      expect((e.data as NewCommentData).comment).toMatchObject({
        id: held.id,
        is_approved: false,
        moderation_status: 'rejected',
        comment_text: 'Please publish me',
        my_reaction: null,
      });
    }
    // A published comment after it reaches everyone; what came before it on the topic has too.
    const marker = await f.create('mia', 'Published afterwards', { claims: MOD });
    for (const s of [reader, anonymous, author]) {
      await s.next('event', (m) => m.event === RealtimeEvent.NewComment && m.id !== null);
    }
    for (const s of [reader, anonymous]) {
      expect(journaled(s, topic).map((e) => e.event)).toEqual([RealtimeEvent.NewComment]);
      expect((journaled(s, topic)[0]!.data as NewCommentData).comment.id).toBe(marker.id);
    }
    expect(journaled(author, topic).map((e) => e.event)).toEqual([
      RealtimeEvent.CommentModerated,
      RealtimeEvent.NewComment,
    ]);

    // Replayed from the journal, the same rule holds.
    const lateReader = track(await signedIn(url, f.site.id, await f.tokenFor('bob')));
    expect(await subscribed(lateReader, topic, '0')).toMatchObject({ replayed: 1 });
    expect(journaled(lateReader, topic).map((e) => e.event)).toEqual([RealtimeEvent.NewComment]);
    const lateAuthor = track(await signedIn(url, f.site.id, await f.tokenFor('ann')));
    expect(await subscribed(lateAuthor, topic, '0')).toMatchObject({ replayed: 2 });
    expect(journaled(lateAuthor, topic).map((e) => e.event)).toEqual([
      RealtimeEvent.CommentModerated,
      RealtimeEvent.NewComment,
    ]);
  });

  it('a published comment hidden by reports leaves readers, and stays with its author as held, then rejected', async () => {
    const url = await h.listen();
    const f = await moderationFixture(h, { report_hide_threshold: 1 });
    const topic = Topic.comments('post-1');
    const author = track(await signedIn(url, f.site.id, await f.tokenFor('ann')));
    const reader = track(await signedIn(url, f.site.id, await f.tokenFor('bob')));
    for (const s of [author, reader]) await subscribed(s, topic);

    const c = await f.create('ann', 'A remark some find rude');
    const reported = await h.request('POST', '/api/moderation/reports', {
      site: f.site.id,
      token: await f.tokenFor('bob'),
      body: { comment_id: c.id, reason: 'harassment' },
    });
    expect(reported.status, await reported.clone().text()).toBe(201);
    const held = await author.next('event', (m) => m.event === RealtimeEvent.CommentModerated);
    expect((held.data as NewCommentData).comment).toMatchObject({
      id: c.id,
      is_approved: false,
      moderation_status: 'pending',
    });
    expect(findIn((await f.thread('post-1', '', 'ann')).items, c.id)).toMatchObject({
      moderation_status: 'pending',
    });

    const item = (await f.queue()).items.find((i) => i.comment_id === c.id)!;
    expect((await f.act(item.id, 'reject')).status).toBe(200);
    await author.next(
      'event',
      (m) =>
        m.event === RealtimeEvent.CommentModerated &&
        (m.data as NewCommentData).comment.moderation_status === 'rejected',
    );
    expect(journaled(author, topic).map((e) => e.event)).toEqual([
      RealtimeEvent.NewComment,
      RealtimeEvent.CommentDeleted,
      RealtimeEvent.CommentModerated,
      RealtimeEvent.CommentModerated,
    ]);

    await f.create('mia', 'Published afterwards', { claims: MOD });
    await reader.next('event', (m) => m.event === RealtimeEvent.NewComment && m.id === '5');
    expect(journaled(reader, topic).map((e) => e.event)).toEqual([
      RealtimeEvent.NewComment,
      RealtimeEvent.CommentDeleted,
      RealtimeEvent.NewComment,
    ]);
  });
});
