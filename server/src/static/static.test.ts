import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialects } from '../../test/dialects.js';
import { body, useServer } from '../../test/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'ss-embed-'));
mkdirSync(join(dir, 'embed'));
writeFileSync(join(dir, 'embed.js'), 'import("./embed/sharestack.js");');
writeFileSync(join(dir, 'embed', 'sharestack.js'), 'export const init = () => {};');
writeFileSync(join(dir, 'secret.txt'), 'not for you');

// Static files do not touch the database: one dialect is enough.
describe('embed files', () => {
  const h = useServer(dialects[0]!, { SHARESTACK_EMBED_DIR: dir });

  it('serves embed.js and its chunks with type, CORS and an ETag', async () => {
    const res = await h.request('GET', '/embed.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toContain('max-age');
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    expect(await res.text()).toContain('embed/sharestack.js');

    const again = await h.request('GET', '/embed.js', { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);

    const chunk = await h.request('GET', '/embed/sharestack.js');
    expect(chunk.status).toBe(200);
    expect(await chunk.text()).toContain('init');
  });

  it('serves nothing outside the embed folder', async () => {
    for (const path of [
      '/embed/../secret.txt',
      '/embed/%2e%2e/secret.txt',
      '/embed/..%2fsecret.txt',
      '/embed/missing.js',
      '/embed/secret.txt',
    ]) {
      const res = await h.request('GET', path);
      expect(res.status, path).toBe(404);
    }
  });

  it('shows the demo page with the dev-token loader and an escaped name', async () => {
    const res = await h.request('GET', '/?name=%22%3E%3Cscript%3Ealert(1)%3C/script%3E');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<ss-comments content-id="demo-post">');
    expect(html).toMatch(
      /<script type="module" src="\/embed.js" data-site="demo" data-theme="auto" data-dev-token="[^"]*"><\/script>/,
    );
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
  });
});

describe('embed files not built', () => {
  const h = useServer(dialects[0]!, { SHARESTACK_EMBED_DIR: join(dir, 'nowhere') });

  it('explains how to build them', async () => {
    const res = await h.request('GET', '/embed.js');
    expect(res.status).toBe(503);
    const p = await body(res);
    expect(p.code).toBe('service_unavailable');
    expect(String(p.detail)).toContain('pnpm build');
    expect((await h.request('GET', '/embed/sharestack.js')).status).toBe(404);
  });
});
