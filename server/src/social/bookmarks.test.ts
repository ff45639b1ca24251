import { expect, it } from 'vitest';
import { describeDialects } from '../../test/harness.js';
import { socialFixture } from '../../test/social.js';

type Bookmarks = {
  items: Array<{ content_id: string; collection_name: string; notes: string | null }>;
  next_cursor: string | null;
};

describeDialects('bookmarks and shares', (h) => {
  it('saves, updates, lists by collection, moves, edits notes and removes bookmarks', async () => {
    const f = await socialFixture(h);
    const created = await f.ok(
      'POST',
      '/api/social/bookmark/',
      'ann',
      { content_id: 'a1', content_title: 'Article 1', content_url: 'https://example.com/a1' },
      201,
    );
    expect(created).toMatchObject({
      user_id: 'ann',
      content_id: 'a1',
      collection_name: 'default',
      notes: null,
      content_title: 'Article 1',
      content_url: 'https://example.com/a1',
    });
    await f.ok(
      'POST',
      '/api/social/bookmark/',
      'ann',
      { content_id: 'a2', collection_name: 'later', notes: 'n2' },
      201,
    );
    await f.ok('POST', '/api/social/bookmark/', 'ann', { content_id: 'a3', collection_name: 'later' }, 201);
    // Saving again updates instead of duplicating.
    const again = await f.ok(
      'POST',
      '/api/social/bookmark',
      'ann',
      { content_id: 'a1', notes: 'first' },
      200,
    );
    expect(again).toMatchObject({ id: created.id, collection_name: 'default', notes: 'first' });

    const all = await f.ok<Bookmarks>('GET', '/api/social/bookmarks/?limit=2', 'ann');
    expect(all.items.map((b) => b.content_id)).toEqual(['a3', 'a2']);
    const rest = await f.ok<Bookmarks>(
      'GET',
      `/api/social/bookmarks?limit=2&cursor=${all.next_cursor}`,
      'ann',
    );
    expect(rest.items.map((b) => b.content_id)).toEqual(['a1']);
    expect(rest.next_cursor).toBeNull();
    const later = await f.ok<Bookmarks>('GET', '/api/social/bookmarks?collection_name=later', 'ann');
    expect(later.items.map((b) => b.content_id)).toEqual(['a3', 'a2']);

    const moved = await f.ok('PATCH', '/api/social/bookmark/a3/', 'ann', {
      collection_name: 'read',
      notes: 'done',
    });
    expect(moved).toMatchObject({ collection_name: 'read', notes: 'done' });
    expect(await f.ok('PATCH', '/api/social/bookmark/a3', 'ann', { notes: null })).toMatchObject({
      collection_name: 'read',
      notes: null,
    });
    expect(await f.ok('GET', '/api/social/bookmarks/collections/', 'ann')).toEqual({
      items: [
        { collection_name: 'default', count: 1 },
        { collection_name: 'later', count: 1 },
        { collection_name: 'read', count: 1 },
      ],
      next_cursor: null,
    });
    await f.fail('PATCH', '/api/social/bookmark/nope', 'ann', 404, 'bookmark_not_found', { notes: 'x' });
    await f.fail('PATCH', '/api/social/bookmark/a3', 'ann', 400, 'validation_failed', {});
    await f.fail('PATCH', '/api/social/bookmark/a3', 'bob', 404, 'bookmark_not_found', { notes: 'x' });

    expect(await f.ok('GET', '/api/social/bookmark/a2', 'ann')).toMatchObject({ bookmark: { notes: 'n2' } });
    expect(await f.ok('DELETE', '/api/social/bookmark/a2/', 'ann')).toEqual({
      content_id: 'a2',
      bookmark: null,
    });
    expect(await f.ok('DELETE', '/api/social/bookmark/a2/', 'ann')).toEqual({
      content_id: 'a2',
      bookmark: null,
    });
    expect(await f.ok('GET', '/api/social/bookmark/a2', 'ann')).toEqual({ content_id: 'a2', bookmark: null });

    // Bookmarks are personal: another user and anonymous callers see none of them.
    expect((await f.ok<Bookmarks>('GET', '/api/social/bookmarks', 'bob')).items).toEqual([]);
    await f.fail('GET', '/api/social/bookmarks', null, 401, 'unauthorized');
    await f.fail('POST', '/api/social/bookmark', 'ann', 400, 'validation_failed', {
      content_id: 'a1',
      collection_name: 'x'.repeat(101),
    });
  });

  it('records shares per channel with a share link, anonymous readers included', async () => {
    const f = await socialFixture(h);
    expect(await f.ok('GET', '/api/social/shares/post-1/', null)).toEqual({
      content_id: 'post-1',
      share_count: 0,
      channels: {},
      share_url: null,
    });
    await f.ok(
      'POST',
      '/api/social/share/',
      'ann',
      { content_id: 'post-1', channel: 'copy', content_url: 'https://example.com/p1' },
      201,
    );
    await f.ok('POST', '/api/social/share/', null, { content_id: 'post-1', channel: 'x' }, 201);
    const last = await f.ok(
      'POST',
      '/api/social/share/',
      'bob',
      { content_id: 'post-1', channel: 'copy' },
      201,
    );
    expect(last).toEqual({
      content_id: 'post-1',
      share_count: 3,
      channels: { copy: 2, x: 1 },
      share_url: 'https://example.com/p1',
    });
    expect(await f.ok('GET', '/api/social/shares/post-1', null)).toEqual(last);
    await f.fail('POST', '/api/social/share/', 'ann', 400, 'validation_failed', {
      content_id: 'post-1',
      channel: 'carrier-pigeon',
    });
  });
});
