import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ShareStackError } from './errors.js';
import { createHttp } from './http.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** A real HTTP peer whose answers the test scripts, to exercise failure paths a healthy server never shows. */
async function peer(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void) {
  let n = 0;
  const server = createServer((req, res) => handler(req, res, ++n));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  close = () => new Promise((r) => server.close(() => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, calls: () => n };
}

describe('http', () => {
  it('sends the site header and the token, and retries reads on 503', async () => {
    const seen: Array<Record<string, unknown>> = [];
    const p = await peer((req, res, n) => {
      seen.push({ site: req.headers['x-sharestack-site'], auth: req.headers.authorization, url: req.url });
      if (n === 1) res.writeHead(503, { 'retry-after': '0' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const http = createHttp({ baseUrl: p.base, site: 's1', getToken: () => 'tok' });
    expect(await http.get('comments/a%2Fb/', { sort: 'new', cursor: undefined })).toEqual({ ok: true });
    expect(p.calls()).toBe(2);
    expect(seen[1]).toEqual({ site: 's1', auth: 'Bearer tok', url: '/api/comments/a%2Fb/?sort=new' });
  });

  it('never retries writes, and turns problem+json into ShareStackError', async () => {
    const p = await peer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/problem+json' });
      res.end(
        JSON.stringify({
          type: 'about:blank',
          title: 'Down',
          status: 503,
          code: 'service_unavailable',
          detail: 'try later',
        }),
      );
    });
    const http = createHttp({ baseUrl: p.base, site: 's', getToken: () => null });
    const error = await http.send('POST', 'comments/', { a: 1 }).catch((e: unknown) => e);
    expect(p.calls()).toBe(1);
    expect(error).toBeInstanceOf(ShareStackError);
    expect(error).toMatchObject({ status: 503, code: 'service_unavailable', message: 'try later' });
  });

  it('maps a non-JSON error page and a timeout to typed errors', async () => {
    const p = await peer((req, res) => {
      if (req.url?.includes('slow')) return; // never answers
      res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
    });
    const http = createHttp({ baseUrl: p.base, site: 's', getToken: () => null, timeout: 200, retries: 0 });
    await expect(http.get('x')).rejects.toMatchObject({ status: 502, code: 'internal_error' });
    await expect(http.get('slow')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });
});
