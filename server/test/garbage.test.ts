import { PROBLEM_CONTENT_TYPE } from '@sharestack/protocol';
import { describe, expect, it } from 'vitest';
import { dialects } from './dialects.js';
import { ADMIN_KEY, type Harness, useServer } from './harness.js';

const IDS = [
  'abc',
  '-1',
  '0',
  '1.5',
  '99999999999999999999',
  '999999999999999999',
  'x'.repeat(3000),
  '%00',
  '%ZZ',
  '%F0%9F%92%A9',
  '..%2F..%2Fetc%2Fpasswd',
  "'%3B%20drop%20table%20comments%3B--",
  'content',
  'comment',
  // An existing content key, so list routes run their queries rather than return early.
  'p',
  // Existing users, so social routes (follow, block, profile, timeline) reach their queries.
  'fuzzer',
  'fuzz-mod',
];

const BODIES: unknown[] = [
  null,
  [],
  [{ content_id: 'p', comment_text: 'x' }],
  'just a string',
  123,
  true,
  {},
  { content_id: null, comment_text: null, parent_comment_id: null },
  { content_id: 5, comment_text: ['x'], parent_comment_id: 7 },
  { content_id: 'p', comment_text: 'x', parent_comment_id: '-1' },
  { content_id: 'p', comment_text: 'x', parent_comment_id: '99999999999999999' },
  { content_id: 'p'.repeat(5000), comment_text: 'x'.repeat(20_000) },
  { content_id: '💩\u202e\u0000', comment_text: '\ud800 unpaired surrogate' },
  { name: { nested: { deeper: [1, 2, { x: null }] } } },
  { reaction_type: 'x'.repeat(100) },
  { reaction_type: null },
  { target_type: 'comment', target_id: 'abc', reaction_type: 'like' },
  { target_type: 'content', target_id: 'a b', reaction_type: 'like' },
  { target_type: 'user', target_id: '1' },
  { origins: 'https://a.example', settings: { max_depth: -1, reaction_set: ['nope'] } },
  { settings: { pre_moderation: 'sometimes', edit_window_seconds: 1e20 } },
  { sub: '', roles: ['root'], name: 'x'.repeat(500) },
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}'),
  { user_id: 'fuzz-mod' },
  { user_id: 'fuzzer' },
  { user_id: '\u0000' },
  { user_id: ['fuzzer'] },
  { content_id: 'p', collection_name: '', notes: '\u0000' },
  { content_id: 'p', collection_name: 'x'.repeat(500), notes: 5 },
  { collection_name: null, notes: null },
  { content_id: 'p', channel: 'pigeon' },
  { content_id: 'p', channel: 'copy', content_url: 'javascript:alert(1)' },
  { activity_type: 'liked', visibility: 'everyone' },
  { activity_type: 'liked' },
  { profile_visibility: 'private' },
  { profile_visibility: 'public' },
  { action: 'explode' },
  { action: 'ban', duration_seconds: -1, reason: 'x'.repeat(600) },
  { action: 'approve', item_ids: ['1', 'abc', null] },
  { action: 'spam', item_ids: Array.from({ length: 200 }, (_, i) => String(i + 1)) },
  { comment_id: '1', reason: 'because' },
  { comment_id: ['1'], reason: 'spam', details: 5 },
  { user_id: '', kind: 'forever' },
  { user_id: 'x', duration_seconds: 1e12 },
  { reaction_type: 'like', anonymous: 'yes' },
  // NUL in otherwise valid text: PostgreSQL cannot store it (refused everywhere, as 400).
  { content_id: 'p', comment_text: 'a\u0000b', content_title: 'T\u0000', content_url: 'http://a/\u0000' },
  { content_id: 'p', content_title: 'T\u0000', channel: 'copy' },
  { content_id: 'p', collection_name: 'c', notes: 'n', content_title: '\u0000' },
  { comment_id: '1', reason: 'spam', details: 'd\u0000' },
  { user_id: 'fuzzer', kind: 'ban', reason: 'r\u0000' },
  { action: 'approve', reason: 'r\u0000' },
  { name: 'n\u0000', origins: ['*'] },
  { sub: 'x', name: 'a\u0000b' },
  { 'key\u0000': 1, content_id: 'p', comment_text: 'x' },
];

const QUERIES = [
  'sort=bogus',
  'limit=-1',
  'limit=abc',
  'limit=1e9',
  'cursor=%%%',
  `cursor=${'A'.repeat(600)}`,
  `cursor=${Buffer.from('["best",null,-5]').toString('base64url')}`,
  `cursor=${Buffer.from('{"a":1}').toString('base64url')}`,
  'page=0',
  'page=-3',
  'replies=maybe',
  'replies_limit=999999',
  'root=abc',
  'root=0',
  'sort=new&sort=old',
  'site[]=x',
  'collection_name=%00',
  `collection_name=${'c'.repeat(300)}`,
  `cursor=${Buffer.from('["followers",1]').toString('base64url')}`,
  `cursor=${Buffer.from('["feed",-1]').toString('base64url')}`,
  'target_id=%00',
  'moderator_id=a%00b',
  // Moderation keyset cursors with keys out of their column's range (a time Date cannot hold,
  // a rank past PostgreSQL's integer) or of the wrong kind.
  `cursor=${Buffer.from('["m",8640000000000001]').toString('base64url')}`,
  `cursor=${Buffer.from('["m",9007199254740991]').toString('base64url')}`,
  `cursor=${Buffer.from('["m",9007199254740991,1]').toString('base64url')}`,
  `cursor=${Buffer.from('["m",2147483648,1]').toString('base64url')}`,
  `cursor=${Buffer.from('["m",1,"x"]').toString('base64url')}`,
  `cursor=${Buffer.from('["m",1700000000000,""]').toString('base64url')}`,
  `cursor=${Buffer.from('["m",1700000000000,"a\\u0000"]').toString('base64url')}`,
];

async function expectProblemOrOk(res: Response, label: string) {
  expect(res.status, label).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get('content-type'), label).toBe(PROBLEM_CONTENT_TYPE);
    const p = (await res.json()) as { code?: unknown; status?: unknown };
    expect(typeof p.code, label).toBe('string');
    expect(p.status, label).toBe(res.status);
  } else {
    await res.arrayBuffer();
  }
}

function routesOf(h: Harness) {
  const seen = new Set<string>();
  return h.services.app.routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api'))
    .filter((r) => {
      const key = `${r.method} ${r.path}`;
      return !seen.has(key) && seen.add(key) !== undefined;
    });
}

const fill = (path: string, value: string) => path.replace(/:[a-z_]+/g, value);

// Thousands of writes from one user: lift the rate limits, or most requests would stop at 429.
const UNLIMITED = JSON.stringify(
  Object.fromEntries(['comment', 'reaction', 'report'].map((s) => [s, { user: [1e7, 60], ip: [1e7, 60] }])),
);

for (const dialect of dialects)
  describe.skipIf(dialect.skip !== null)(`no client input produces a 500 [${dialect.name}]`, () => {
    const h = useServer(dialect, { SHARESTACK_RATE_LIMITS: UNLIMITED });
    garbage(h);
  });

function garbage(h: Harness) {
  it('survives garbage on every route', async () => {
    const site = await h.newSite({ allow_guests: true });
    const user = await h.token(site, 'fuzzer');
    const mod = await h.token(site, 'fuzz-mod', { roles: ['moderator'] });
    const nulName = await h.token(site, 'fuzz-nul', { name: 'a\u0000b' });
    const made = await h.request('POST', '/api/comments', {
      site: site.id,
      token: user,
      body: { content_id: 'p', comment_text: 'seed' },
    });
    const realId = ((await made.json()) as { id: string }).id;
    const auths: Record<string, string>[] = [
      {},
      { Authorization: `Bearer ${user}` },
      { Authorization: `Bearer ${mod}` },
      { Authorization: `Bearer ${ADMIN_KEY}` },
      { Authorization: 'Bearer a.b.c' },
      { Authorization: 'Basic Zm9vOmJhcg==' },
      { Authorization: `Bearer ${nulName}` },
    ];
    const routes = routesOf(h);
    expect(routes.length).toBeGreaterThan(15);

    let count = 0;
    const send = async (
      method: string,
      path: string,
      init: { body?: string; headers?: Record<string, string> },
    ) => {
      const headers = { 'X-ShareStack-Site': site.id, ...init.headers };
      const res = await h.services.app.request(path, { method, headers, body: init.body });
      count++;
      await expectProblemOrOk(res, `${method} ${path} ${JSON.stringify(init).slice(0, 200)}`);
    };
    const json = (b: unknown) => ({
      body: JSON.stringify(b),
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${user}` },
    });
    const hasBody = (m: string) => m === 'POST' || m === 'PUT' || m === 'PATCH';

    for (const { method, path } of routes) {
      for (const id of [...IDS, realId]) {
        await send(
          method,
          fill(path, id),
          hasBody(method)
            ? json({ comment_text: 'x', content_id: 'p' })
            : { headers: { Authorization: `Bearer ${user}` } },
        );
      }
      const target = fill(path, realId);
      // Every identity against an existing comment id and an existing content key.
      for (const t of [target, fill(path, 'p')]) {
        for (const auth of auths)
          await send(method, t, { ...(hasBody(method) ? json({}) : {}), headers: auth });
      }
      await send(method, target, { headers: { 'X-ShareStack-Site': '' } });
      await send(method, target, { headers: { 'X-ShareStack-Site': '../../etc' } });
      await send(method, target, { headers: { 'X-ShareStack-Site': 'x'.repeat(1000) } });
      await send(method, target, { headers: { Origin: 'null' } });
      if (hasBody(method)) {
        for (const b of BODIES) {
          await send(method, target, json(b));
          await send(method, target, {
            ...json(b),
            headers: { ...json(b).headers, Authorization: `Bearer ${mod}` },
          });
        }
        for (const raw of ['', '{', '{"a":', 'null', '\u0000', '\ufeff{}', '[]'.repeat(1000)]) {
          await send(method, target, {
            body: raw,
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${user}` },
          });
        }
        for (const type of [
          'text/plain',
          'application/xml',
          'multipart/form-data; boundary=x',
          'application/json; charset=latin1',
          'garbage',
        ]) {
          await send(method, target, {
            body: '{}',
            headers: { 'Content-Type': type, Authorization: `Bearer ${user}` },
          });
        }
      }
      if (method === 'GET')
        for (const q of QUERIES)
          await send(method, `${target}?${q}`, { headers: { Authorization: `Bearer ${user}` } });
    }
    expect(count).toBeGreaterThan(500);
    expect(h.errors).toEqual([]);
  });
}
