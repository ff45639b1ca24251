import type { Comment, CommentThread } from '@sharestack/protocol';
import { expect, it } from 'vitest';
import { describeDialects } from '../../test/harness.js';
import { socialFixture } from '../../test/social.js';

type List = { items: Array<{ id: string }>; next_cursor: string | null };

describeDialects('blocks', (h) => {
  async function comment(
    f: Awaited<ReturnType<typeof socialFixture>>,
    user: string,
    text: string,
    parent?: string,
  ) {
    return f.ok<Comment>(
      'POST',
      '/api/comments/',
      user,
      { content_id: 'post', comment_text: text, parent_comment_id: parent ?? null },
      201,
    );
  }

  it('ends follows both ways and stops the blocked user from following', async () => {
    const f = await socialFixture(h);
    await f.join('ann');
    await f.join('troll');
    await f.follow('ann', 'troll');
    await f.follow('troll', 'ann');
    expect(await f.block('ann', 'troll')).toEqual({ user_id: 'troll', is_blocked: true });
    expect(await f.block('ann', 'troll')).toEqual({ user_id: 'troll', is_blocked: true });
    expect(await f.ok('GET', '/api/social/profile/ann', 'ann')).toMatchObject({
      stats: { followers: 0, following: 0 },
    });
    await f.fail('POST', '/api/social/follow/', 'troll', 403, 'blocked', { user_id: 'ann' });
    await f.fail('POST', '/api/social/follow/', 'ann', 403, 'blocked', { user_id: 'troll' });
    await f.fail('POST', '/api/social/block/', 'ann', 422, 'cannot_block_self', { user_id: 'ann' });
    await f.fail('POST', '/api/social/block/', 'ann', 404, 'user_not_found', { user_id: 'ghost' });
    expect(f.ids(await f.ok<List>('GET', '/api/social/blocks/', 'ann'))).toEqual(['troll']);
    expect(f.ids(await f.ok<List>('GET', '/api/social/blocks/', 'troll'))).toEqual([]);
    await f.fail('GET', '/api/social/blocks/', null, 401, 'unauthorized');
    expect(await f.ok('DELETE', '/api/social/block/troll/', 'ann')).toEqual({
      user_id: 'troll',
      is_blocked: false,
    });
    expect(f.ids(await f.ok<List>('GET', '/api/social/blocks/', 'ann'))).toEqual([]);
    await f.follow('troll', 'ann');
  });

  it('hides the blocked user from the blocker, and the blocker from the blocked user, in every list', async () => {
    const f = await socialFixture(h);
    for (const u of ['ann', 'troll', 'star', 'bob']) await f.join(u);
    await f.follow('troll', 'star');
    await f.follow('ann', 'star');
    await f.follow('bob', 'star');
    await f.block('ann', 'troll');
    expect(f.ids(await f.ok<List>('GET', '/api/social/followers/star', 'ann'))).toEqual(['bob', 'ann']);
    expect(f.ids(await f.ok<List>('GET', '/api/social/followers/star', 'troll'))).toEqual(['bob', 'troll']);
    expect(f.ids(await f.ok<List>('GET', '/api/social/followers/star', 'bob'))).toEqual([
      'bob',
      'ann',
      'troll',
    ]);
    // The blocker's profile, lists and timeline are gone for the blocked user.
    await f.fail('GET', '/api/social/profile/ann', 'troll', 404, 'user_not_found');
    await f.fail('GET', '/api/social/following/ann', 'troll', 404, 'user_not_found');
    await f.fail('GET', '/api/activity/user/ann', 'troll', 404, 'user_not_found');
    // The blocker still sees whom they block, flagged.
    expect(await f.ok('GET', '/api/social/profile/troll', 'ann')).toMatchObject({ is_blocked: true });
  });

  it("hides the blocked user's comments from the blocker only, keeping replies under a placeholder", async () => {
    const f = await socialFixture(h);
    for (const u of ['ann', 'troll', 'bob']) await f.join(u);
    const root = await comment(f, 'bob', 'root');
    const trollTop = await comment(f, 'troll', 'troll top');
    const trollReply = await comment(f, 'troll', 'troll reply', root.id);
    await comment(f, 'bob', 'answer to troll', trollReply.id);
    await comment(f, 'troll', 'lonely troll reply', root.id);
    await f.block('ann', 'troll');

    const asAnn = await f.ok<CommentThread>('GET', '/api/comments/post/?sort=old', 'ann');
    const texts = (items: Comment[]): string[] => items.flatMap((c) => [c.comment_text, ...texts(c.replies)]);
    expect(texts(asAnn.items)).toEqual(['root', '', 'answer to troll']);
    expect(asAnn.items.map((c) => c.id)).toEqual([root.id]);
    const placeholder = asAnn.items[0]!.replies[0]!;
    expect(placeholder).toMatchObject({ id: trollReply.id, is_deleted: true, author: null, user_id: '' });
    expect(asAnn.items[0]!.reply_count).toBe(1);
    expect(asAnn.total_count).toBe(2);
    expect(JSON.stringify(asAnn)).not.toContain('"troll"');
    expect(JSON.stringify(asAnn)).not.toContain('troll reply');

    const anonymous = await f.ok<CommentThread>('GET', '/api/comments/post/?sort=old', null);
    expect(anonymous.items.map((c) => c.id)).toEqual([root.id, trollTop.id]);
    expect(anonymous.total_count).toBe(5);
    const asBob = await f.ok<CommentThread>('GET', '/api/comments/post/?sort=old', 'bob');
    expect(texts(asBob.items)).toContain('lonely troll reply');
  });

  it('stops the blocked user from replying to or mentioning the blocker', async () => {
    const f = await socialFixture(h);
    for (const u of ['ann', 'troll']) await f.join(u);
    const mine = await comment(f, 'ann', 'hello');
    await f.block('ann', 'troll');
    await f.fail('POST', '/api/comments/', 'troll', 403, 'blocked', {
      content_id: 'post',
      comment_text: 'reply',
      parent_comment_id: mine.id,
    });
    const c = await comment(f, 'troll', 'hey @ann and @bob');
    expect(c.mentions).toEqual(['bob']);
    const edited = await f.ok<Comment>('PUT', `/api/comments/${c.id}`, 'troll', {
      comment_text: 'again @ann',
    });
    expect(edited.mentions).toEqual([]);
    // The blocker can still reply to the blocked user.
    await comment(f, 'ann', 'reply', c.id);
  });
});
