import { describe, expect, it } from 'vitest';
import { commentFixture } from '../test/comments.js';
import { dialects } from '../test/dialects.js';
import { useServer } from '../test/harness.js';
import type { DomainEvents } from './events.js';

// The hook is in-process and dialect-independent.
describe('domain events', () => {
  const h = useServer(dialects[0]!);

  it('fires after each committed write, and not for refused ones', async () => {
    const seen: { name: keyof DomainEvents; payload: unknown }[] = [];
    const names: (keyof DomainEvents)[] = [
      'comment.created',
      'comment.updated',
      'comment.deleted',
      'reaction.changed',
    ];
    const offs = names.map((name) => h.services.events.on(name, (payload) => seen.push({ name, payload })));
    const f = await commentFixture(h);
    const c = await f.create('u', 'hello');
    await h.request('PUT', `/api/comments/${c.id}`, {
      site: f.site.id,
      token: await f.tokenFor('u'),
      body: { comment_text: 'edited' },
    });
    await f.react('v', c.id, 'like');
    await f.react('v', c.id, 'like');
    await h.request('PUT', `/api/comments/${c.id}`, {
      site: f.site.id,
      token: await f.tokenFor('x'),
      body: { comment_text: 'no' },
    });
    await f.remove('u', c.id);
    for (const off of offs) off();

    expect(seen.map((e) => e.name)).toEqual([
      'comment.created',
      'comment.updated',
      'reaction.changed',
      'comment.deleted',
    ]);
    expect(seen[0]!.payload).toMatchObject({
      siteId: f.site.id,
      contentKey: 'post-1',
      comment: { id: c.id },
    });
    expect(seen[3]!.payload).toMatchObject({ id: c.id, outcome: 'removed' });
  });

  it('keeps a request alive when a listener throws', async () => {
    const off = h.services.events.on('comment.created', () => {
      throw new Error('listener bug');
    });
    const f = await commentFixture(h);
    await f.create('u', 'still fine');
    off();
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]).toMatchObject({ msg: 'a domain event listener failed' });
  });
});
