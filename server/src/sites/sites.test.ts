import { PROBLEM_CONTENT_TYPE } from '@sharestack/protocol';
import { expect, it } from 'vitest';
import { ADMIN_KEY, body, describeDialects } from '../../test/harness.js';

const admin = { Authorization: `Bearer ${ADMIN_KEY}` };

describeDialects('sites', (h) => {
  it('creates a site with defaults, a secret and an id', async () => {
    const res = await h.request('POST', '/api/admin/sites/', { headers: admin, body: { name: '  Blog  ' } });
    expect(res.status).toBe(201);
    const site = await body(res);
    expect(site).toMatchObject({
      name: 'Blog',
      origins: [],
      settings: { allow_guests: false, max_depth: 5 },
    });
    expect(site.id).toMatch(/^site_[a-z0-9]{14}$/);
    expect(String(site.secret).length).toBeGreaterThanOrEqual(40);
    expect(new Date(String(site.created_at)).toISOString()).toBe(site.created_at);
  });

  it('refuses admin calls without or with a wrong key', async () => {
    const none = await h.request('POST', '/api/admin/sites', { body: { name: 'x' } });
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain(PROBLEM_CONTENT_TYPE);
    const wrong = await h.request('GET', '/api/admin/sites', { headers: { Authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect((await body(wrong)).code).toBe('admin_key_invalid');
    const almost = await h.request('GET', '/api/admin/sites', {
      headers: { Authorization: `Bearer ${ADMIN_KEY}x` },
    });
    expect(almost.status).toBe(401);
  });

  it('lists, reads, patches, rotates and deletes', async () => {
    const site = await h.newSite({ allow_guests: true });
    const list = await body<{ items: { id: string; secret?: string }[] }>(
      await h.request('GET', '/api/admin/sites', { headers: admin }),
    );
    expect(list.items.map((s) => s.id)).toContain(site.id);
    expect(list.items.every((s) => s.secret === undefined)).toBe(true);

    const one = await body(await h.request('GET', `/api/admin/sites/${site.id}`, { headers: admin }));
    expect(one.secret).toBe(site.secret);

    const patched = await h.request('PATCH', `/api/admin/sites/${site.id}/`, {
      headers: admin,
      body: { name: 'Renamed', settings: { max_depth: 2 }, origins: ['https://a.example'] },
    });
    expect(patched.status).toBe(200);
    expect(await body(patched)).toMatchObject({
      name: 'Renamed',
      origins: ['https://a.example'],
      settings: { max_depth: 2, allow_guests: true },
    });

    const rotated = await body(
      await h.request('POST', `/api/admin/sites/${site.id}/rotate-secret`, { headers: admin }),
    );
    expect(rotated.secret).not.toBe(site.secret);

    expect((await h.request('DELETE', `/api/admin/sites/${site.id}`, { headers: admin })).status).toBe(204);
    const gone = await h.request('GET', `/api/admin/sites/${site.id}`, { headers: admin });
    expect(gone.status).toBe(404);
    expect((await body(gone)).code).toBe('site_not_found');
  });

  it('validates site bodies', async () => {
    const res = await h.request('POST', '/api/admin/sites', {
      headers: admin,
      body: { name: '', origins: ['https://ok.example/path'], settings: { max_depth: 99 } },
    });
    expect(res.status).toBe(400);
    const p = await body<{ code: string; errors: { path: string }[] }>(res);
    expect(p.code).toBe('validation_failed');
    expect(p.errors.map((e) => e.path).sort()).toEqual(['name', 'origins.0', 'settings.max_depth']);
  });

  it('deleting a site deletes its comments', async () => {
    const site = await h.newSite();
    const token = await h.token(site, 'u1');
    const created = await h.request('POST', '/api/comments', {
      site: site.id,
      token,
      body: { content_id: 'p', comment_text: 'hi' },
    });
    expect(created.status).toBe(201);
    await h.request('DELETE', `/api/admin/sites/${site.id}`, { headers: admin });
    const db = h.services.store.db;
    const left = await db.selectFrom('comments').select('id').where('site_id', '=', site.id).execute();
    expect(left).toEqual([]);
  });

  it('has a demo site that allows guests', async () => {
    const res = await h.request('GET', '/api/site', { site: 'demo' });
    expect(res.status).toBe(200);
    expect(await body(res)).toMatchObject({ id: 'demo', allow_guests: true });
  });

  it('public config needs a known site', async () => {
    const missing = await h.request('GET', '/api/site');
    expect(missing.status).toBe(400);
    expect((await body(missing)).code).toBe('site_required');
    const unknown = await h.request('GET', '/api/site?site=nope');
    expect(unknown.status).toBe(404);
    expect((await body(unknown)).code).toBe('site_not_found');
    const site = await h.newSite({ reaction_set: ['like', 'dislike'] });
    const cfg = await body(await h.request('GET', `/api/site?site=${site.id}`));
    expect(cfg).toEqual({
      id: site.id,
      name: 'Test site',
      allow_guests: false,
      edit_window_seconds: 900,
      max_depth: 5,
      reaction_set: ['like', 'dislike'],
      comment_max_length: 10000,
    });
    expect(cfg).not.toHaveProperty('secret');
  });

  it('applies each site origin list to browser requests', async () => {
    const site = await h.newSite({}, ['https://blog.example']);
    const ok = await h.request('GET', '/api/site', {
      site: site.id,
      headers: { Origin: 'https://blog.example' },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://blog.example');
    expect(ok.headers.get('vary')).toContain('Origin');

    const bad = await h.request('GET', '/api/site', {
      site: site.id,
      headers: { Origin: 'https://evil.example' },
    });
    expect(bad.status).toBe(403);
    expect((await body(bad)).code).toBe('origin_not_allowed');
    expect(bad.headers.get('access-control-allow-origin')).toBeNull();

    const serverToServer = await h.request('GET', '/api/site', { site: site.id });
    expect(serverToServer.status).toBe(200);
    expect(serverToServer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers preflights', async () => {
    const site = await h.newSite({}, ['https://blog.example']);
    const pre = await h.request('OPTIONS', '/api/comments/', {
      headers: {
        Origin: 'https://blog.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type, x-sharestack-site',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://blog.example');
    expect(pre.headers.get('access-control-allow-headers')).toContain('X-ShareStack-Site');
    expect(pre.headers.get('access-control-allow-methods')).toContain('DELETE');

    const refused = await h.request('OPTIONS', `/api/comments/?site=${site.id}`, {
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(refused.status).toBe(403);
  });

  it('lets a site with * take any origin', async () => {
    const site = await h.newSite({}, ['*']);
    const res = await h.request('GET', '/api/site', {
      site: site.id,
      headers: { Origin: 'https://any.example' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://any.example');
  });
});
