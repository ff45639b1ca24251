import { PROBLEM_CONTENT_TYPE } from '@sharestack/protocol';
import { expect, it } from 'vitest';
import { ADMIN_KEY, body, describeDialects } from '../../test/harness.js';

describeDialects('http edges', (h) => {
  it('answers unknown routes with a not_found problem', async () => {
    const res = await h.request('GET', '/api/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect(await body(res)).toMatchObject({
      status: 404,
      code: 'not_found',
      type: 'https://sharestack.dev/problems/not_found',
    });
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const site = await h.newSite();
    const res = await h.request('PATCH', '/api/comments/123/', { site: site.id, body: {} });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toContain('PUT');
    expect(res.headers.get('allow')).toContain('DELETE');
    expect((await body(res)).code).toBe('method_not_allowed');
    const admin = await h.request('PUT', '/api/admin/sites', {
      headers: { Authorization: `Bearer ${ADMIN_KEY}` },
      body: {},
    });
    expect(admin.status).toBe(405);
  });

  it('works with and without the trailing slash', async () => {
    const site = await h.newSite();
    for (const path of ['/api/comments/p', '/api/comments/p/', '/api/site', '/api/site/']) {
      expect((await h.request('GET', path, { site: site.id })).status, path).toBe(200);
    }
  });

  it('refuses invalid JSON, other media types and huge bodies', async () => {
    const site = await h.newSite();
    const token = await h.token(site, 'u');
    const broken = await h.request('POST', '/api/comments', {
      site: site.id,
      token,
      raw: '{"content_id": "p",',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect((await body(broken)).code).toBe('invalid_json');

    const form = await h.request('POST', '/api/comments', {
      site: site.id,
      token,
      raw: 'content_id=p&comment_text=x',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    expect((await body(form)).code).toBe('unsupported_media_type');

    const huge = await h.request('POST', '/api/comments', {
      site: site.id,
      token,
      body: { content_id: 'p', comment_text: 'x'.repeat(70_000) },
    });
    expect(huge.status).toBe(413);
    expect((await body(huge)).code).toBe('payload_too_large');
  });

  it('limits bodies over real HTTP, by Content-Length or as a chunked body streams', async () => {
    const base = await h.listen();
    const site = await h.newSite();
    const token = await h.token(site, 'u');
    const post = (body: string | ReadableStream<Uint8Array>, extra: Record<string, string> = {}) =>
      fetch(`${base}/api/comments`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-ShareStack-Site': site.id,
          Authorization: `Bearer ${token}`,
          ...extra,
        },
        body,
        duplex: 'half',
      } as RequestInit);
    const small = JSON.stringify({ content_id: 'limits', comment_text: 'fits' });
    const ok = await post(small);
    expect(ok.status).toBe(201);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect((await body(ok)).comment_text).toBe('fits');
    // Reads, problems and responses the handler builds itself carry them too.
    for (const [path, status] of [
      ['/api/comments/limits/', 200],
      ['/api/comments/limits/?sort=nonsense', 400],
      ['/api/no-such-route', 404],
    ] as const) {
      const res = await fetch(`${base}${path}`, {
        headers: { 'X-ShareStack-Site': site.id, 'Accept-Encoding': 'gzip' },
      });
      expect(res.status, path).toBe(status);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('cache-control'), path).toBe('no-store');
      await res.arrayBuffer();
    }

    const huge = JSON.stringify({ content_id: 'limits', comment_text: 'x'.repeat(70_000) });
    const framed = await post(huge);
    expect(framed.status).toBe(413);
    expect((await body(framed)).code).toBe('payload_too_large');
    expect(framed.headers.get('x-content-type-options')).toBe('nosniff');

    // A stream has no Content-Length: sent chunked, counted as it arrives.
    const stream = (text: string) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(text));
          controller.close();
        },
      });
    expect((await post(stream(small))).status).toBe(201);
    const chunked = await post(stream(huge));
    expect(chunked.status).toBe(413);
    expect((await body(chunked)).code).toBe('payload_too_large');
  });

  it('lists field failures in errors[]', async () => {
    const site = await h.newSite();
    const res = await h.request('POST', '/api/comments', {
      site: site.id,
      token: await h.token(site, 'u'),
      body: { content_id: 'has space', comment_text: '   ', parent_comment_id: 'abc' },
    });
    expect(res.status).toBe(400);
    const p = await body<{ code: string; errors: { path: string; message: string }[] }>(res);
    expect(p.code).toBe('validation_failed');
    expect(p.errors.map((e) => e.path).sort()).toEqual(['comment_text', 'content_id', 'parent_comment_id']);
  });

  it('refuses text with a NUL character anywhere in a request, as a field failure, changing nothing', async () => {
    const site = await h.newSite();
    const token = await h.token(site, 'u');
    const post = (b: unknown) => h.request('POST', '/api/comments', { site: site.id, token, body: b });
    const cases: Array<[unknown, string]> = [
      [{ content_id: 'p', comment_text: 'a\u0000b' }, 'comment_text'],
      [{ content_id: 'p', comment_text: 'ok', content_title: 'T\u0000' }, 'content_title'],
    ];
    for (const [b, path] of cases) {
      const res = await post(b);
      expect(res.status).toBe(400);
      expect(await body(res)).toMatchObject({ code: 'validation_failed', errors: [{ path }] });
    }
    const list = await h.request('GET', '/api/comments/p', { site: site.id, token });
    expect(await body(list)).toMatchObject({ total_count: 0 });
    // A query parameter, and a token whose claims hold one (refused as a malformed token).
    const log = await h.request('GET', '/api/moderation/log?target_id=%00', {
      site: site.id,
      token: await h.token(site, 'm', { roles: ['moderator'] }),
    });
    expect([log.status, (await body(log)).code]).toEqual([400, 'validation_failed']);
    const me = await h.request('GET', '/api/me', {
      site: site.id,
      token: await h.token(site, 'n', { name: 'a\u0000' }),
    });
    expect([me.status, (await body(me)).code]).toEqual([401, 'token_invalid']);
    // A NUL written as text ("\\u0000", six characters) is ordinary text.
    expect((await post({ content_id: 'p', comment_text: 'the escape \\u0000' })).status).toBe(201);
  });

  it('serves an OpenAPI 3.1 document built from the protocol schemas', async () => {
    const res = await h.request('GET', '/openapi.json');
    expect(res.status).toBe(200);
    const doc = await body<{
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    }>(res);
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/comments/{content_id}',
      '/api/comments',
      '/api/comments/{comment_id}',
      '/api/comments/{comment_id}/like',
      '/api/reactions',
      '/api/reactions/{target_type}/{target_id}',
      '/api/admin/sites',
      '/api/admin/sites/{id}/rotate-secret',
      '/api/auth/guest',
      '/api/me',
      '/api/site',
      '/api/dev/token',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    for (const schema of [
      'Comment',
      'CommentThread',
      'CreateCommentBody',
      'Problem',
      'ReactionSummary',
      'SiteWithSecret',
    ]) {
      expect(doc.components.schemas, schema).toHaveProperty([schema]);
    }
  });
});
