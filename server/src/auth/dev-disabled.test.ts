import { expect, it } from 'vitest';
import { dialects } from '../../test/dialects.js';
import { body, useServer } from '../../test/harness.js';

// Configuration, not storage: one dialect is enough.
const h = useServer(dialects[0]!, { SHARESTACK_DEV_TOKENS: '0' });

it('refuses dev tokens when SHARESTACK_DEV_TOKENS=0, whatever the body', async () => {
  for (const b of [{}, { roles: 'nonsense' }]) {
    const res = await h.request('POST', '/api/dev/token', { site: 'demo', body: b });
    expect(res.status).toBe(403);
    expect((await body(res)).code).toBe('dev_routes_disabled');
    expect(res.headers.get('x-sharestack-dev')).toBeTruthy();
  }
});

it('shows a demo page without a dev-token attribute', async () => {
  const html = await (await h.request('GET', '/')).text();
  expect(html).not.toContain('data-dev-token');
  expect(html).toContain('<ss-comments content-id="demo-post">');
});
