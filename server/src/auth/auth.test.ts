import { SignJWT, UnsecuredJWT } from 'jose';
import { expect, it } from 'vitest';
import { body, describeDialects, signWith } from '../../test/harness.js';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const comment = { content_id: 'post-1', comment_text: 'hello' };

describeDialects('identity', (h) => {
  async function post(site: string, token: string | null) {
    return h.request('POST', '/api/comments/', { site, token, body: comment });
  }
  async function code(res: Response) {
    return (await body(res)).code;
  }

  it('accepts a token signed with the site secret and upserts the user', async () => {
    const site = await h.newSite();
    const token = await h.token(site, 'alice', { name: 'Alice', avatar: 'https://img.example/a.png' });
    const res = await post(site.id, token);
    expect(res.status).toBe(201);
    const c = await body(res);
    expect(c.author).toEqual({
      id: 'alice',
      name: 'Alice',
      avatar_url: 'https://img.example/a.png',
      is_guest: false,
    });
    const me = await body(await h.request('GET', '/api/me', { site: site.id, token }));
    expect(me).toEqual({
      id: 'alice',
      name: 'Alice',
      avatar_url: 'https://img.example/a.png',
      roles: [],
      is_guest: false,
    });
  });

  it('keeps the user row as the token says: changes taken over, an unchanged token writes nothing', async () => {
    const site = await h.newSite();
    const db = h.services.store.db;
    const row = () =>
      db
        .selectFrom('users')
        .select(['name', 'avatar_url', 'email', 'updated_at'])
        .where('site_id', '=', site.id)
        .where('id', '=', 'bea')
        .executeTakeFirst();
    const author = async (claims: Record<string, unknown>) => {
      const res = await post(site.id, await h.token(site, 'bea', claims));
      expect(res.status).toBe(201);
      return (await body(res)).author;
    };
    const first = { name: 'Bea', avatar: 'https://img.example/1.png', email: 'bea@example.com' };
    expect(await author(first)).toMatchObject({ name: 'Bea', avatar_url: 'https://img.example/1.png' });
    // A write with the same claims leaves the row alone (its updated_at is when the profile changed).
    const MARK = '2000-01-01T00:00:00.000Z';
    await db.updateTable('users').set({ updated_at: MARK }).where('site_id', '=', site.id).execute();
    expect(await author(first)).toMatchObject({ name: 'Bea', avatar_url: 'https://img.example/1.png' });
    expect((await row())?.updated_at).toBe(MARK);

    // A new display name or avatar is taken over at once, and shown on the new comment.
    const renamed = { ...first, name: 'Bea B.', avatar: 'https://img.example/2.png' };
    expect(await author(renamed)).toMatchObject({ name: 'Bea B.', avatar_url: 'https://img.example/2.png' });
    expect(await row()).toMatchObject({ name: 'Bea B.', avatar_url: 'https://img.example/2.png' });
    expect((await row())?.updated_at).not.toBe(MARK);
    // So is a new email alone.
    await author({ ...renamed, email: 'bea@new.example' });
    expect((await row())?.email).toBe('bea@new.example');
    // A token that claims no name or avatar keeps the stored ones.
    expect(await author({ name: undefined })).toMatchObject({
      name: 'Bea B.',
      avatar_url: 'https://img.example/2.png',
    });
    // A row changed behind the server's back (another process, a migration) is corrected too.
    await db.updateTable('users').set({ name: 'Stale' }).where('site_id', '=', site.id).execute();
    expect(await author(renamed)).toMatchObject({ name: 'Bea B.' });
    expect((await row())?.name).toBe('Bea B.');
    // A deleted account's next write records the user afresh.
    const token = await h.token(site, 'bea', renamed);
    expect((await h.request('DELETE', '/api/privacy/account/', { site: site.id, token })).status).toBe(200);
    expect(await row()).toBeUndefined();
    expect(await author(renamed)).toMatchObject({ name: 'Bea B.' });
    expect(await row()).toMatchObject({ name: 'Bea B.', email: 'bea@example.com' });
  });

  it('requires a token to write but not to read', async () => {
    const site = await h.newSite();
    const res = await post(site.id, null);
    expect(res.status).toBe(401);
    expect(await code(res)).toBe('unauthorized');
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    const read = await h.request('GET', '/api/comments/post-1/', { site: site.id });
    expect(read.status).toBe(200);
    expect((await h.request('GET', '/api/me', { site: site.id })).status).toBe(401);
  });

  it('rejects alg none', async () => {
    const site = await h.newSite();
    const none = new UnsecuredJWT({ name: 'x' }).setSubject('mallory').setExpirationTime('1h').encode();
    const res = await post(site.id, none);
    expect(res.status).toBe(401);
    expect(await code(res)).toBe('token_invalid');
  });

  it('rejects other algorithms even with the right secret', async () => {
    const site = await h.newSite();
    const hs512 = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('bob')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(site.secret));
    expect(await code(await post(site.id, hs512))).toBe('token_invalid');
  });

  it('rejects a wrong key and a token of another site', async () => {
    const a = await h.newSite();
    const b = await h.newSite();
    const wrong = await signWith('not-the-secret-at-all-0123456789', 'bob');
    const wrongRes = await post(a.id, wrong);
    expect(wrongRes.status).toBe(401);
    expect(await code(wrongRes)).toBe('token_invalid');
    const fromB = await h.token(b, 'bob');
    const crossRes = await post(a.id, fromB);
    expect(crossRes.status).toBe(401);
    expect(await code(crossRes)).toBe('token_invalid');
    expect((await post(b.id, fromB)).status).toBe(201);
  });

  it('rejects expired tokens, also on reads', async () => {
    const site = await h.newSite();
    const expired = await h.token(site, 'old', {}, -60);
    const res = await post(site.id, expired);
    expect(res.status).toBe(401);
    expect(await code(res)).toBe('token_expired');
    const read = await h.request('GET', '/api/comments/post-1', { site: site.id, token: expired });
    expect(read.status).toBe(401);
  });

  it('requires sub and exp', async () => {
    const site = await h.newSite();
    const key = new TextEncoder().encode(site.secret);
    const noExp = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('x').sign(key);
    const noSub = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(key);
    const badRoles = await new SignJWT({ roles: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setExpirationTime('1h')
      .sign(key);
    for (const t of [noExp, noSub, badRoles]) {
      const res = await post(site.id, t);
      expect(res.status).toBe(401);
      expect(await code(res)).toBe('token_invalid');
    }
  });

  it('rejects malformed tokens and headers', async () => {
    const site = await h.newSite();
    const garbage = [
      'abc',
      'a.b.c',
      `${b64({ alg: 'HS256' })}.${b64({ sub: 'x' })}.!!!`,
      '%%%.%%%.%%%',
      'x'.repeat(9000),
    ];
    for (const t of garbage) {
      const res = await post(site.id, t);
      expect(res.status, t.slice(0, 20)).toBe(401);
      expect(await code(res)).toBe('token_invalid');
    }
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', 'token abc', '']) {
      const res = await h.request('GET', '/api/me', { site: site.id, headers: { Authorization: header } });
      expect(res.status, header).toBe(401);
    }
  });

  it('gives moderator powers to moderator and admin roles, never to guests', async () => {
    const site = await h.newSite({ allow_guests: true });
    const mod = await h.token(site, 'mod', { roles: ['moderator', 'something'] });
    expect((await body(await h.request('GET', '/api/me', { site: site.id, token: mod }))).roles).toEqual([
      'moderator',
    ]);
    const guestMod = await h.token(site, 'guest:x', { guest: true, roles: ['admin'] });
    const me = await body(await h.request('GET', '/api/me', { site: site.id, token: guestMod }));
    expect(me).toMatchObject({ roles: [], is_guest: true });
  });

  it('issues guest tokens only where guests are allowed', async () => {
    const closed = await h.newSite();
    const refused = await h.request('POST', '/api/auth/guest', { site: closed.id, body: { name: 'Gus' } });
    expect(refused.status).toBe(403);
    expect(await code(refused)).toBe('guests_not_allowed');

    const open = await h.newSite({ allow_guests: true });
    const res = await h.request('POST', '/api/auth/guest/', { site: open.id, body: { name: '  Gus ' } });
    expect(res.status).toBe(200);
    const t = await body<{ token: string; expires_at: string; user: Record<string, unknown> }>(res);
    expect(t.user).toMatchObject({ name: 'Gus', is_guest: true, roles: [] });
    expect(String(t.user.id)).toMatch(/^guest:[0-9a-f-]{36}$/);
    const days = (Date.parse(t.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    const created = await post(open.id, t.token);
    expect(created.status).toBe(201);
    expect((await body(created)).author).toMatchObject({ name: 'Gus', is_guest: true });
    // The guest token is the open site's, not the closed one's.
    expect(await code(await post(closed.id, t.token))).toBe('token_invalid');
  });

  it('mints dev tokens for the demo site only', async () => {
    const res = await h.request('POST', '/api/dev/token', { body: { sub: 'demo-7', name: 'Ada' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-sharestack-dev')).toContain('SHARESTACK_DEV_TOKENS=0');
    const t = await body<{ token: string; expires_at: string; user: { id: string; name: string } }>(res);
    expect(t.user).toMatchObject({ id: 'demo-7', name: 'Ada' });
    expect(Date.parse(t.expires_at) - Date.now()).toBeLessThanOrEqual(3600_000);
    expect((await post('demo', t.token)).status).toBe(201);

    const other = await h.newSite();
    const refused = await h.request('POST', '/api/dev/token', { site: other.id, body: {} });
    expect(refused.status).toBe(403);
    expect(await code(refused)).toBe('forbidden');
  });
});
