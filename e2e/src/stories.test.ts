import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from './harness.js';

/** The Storybook the test command builds just before (`pnpm run build-storybook`). */
const built = resolve(import.meta.dirname, '../../stories/storybook-static');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

async function serveBuilt(): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    // The browser asks for one on every page; Storybook's build has none.
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    const file = join(built, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(built)) return void res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/**
 * Every story, as a designer opens it: it renders an element, and nothing goes wrong on the way
 * (no exception, no console error or warning, no request that fails, no socket to a host that
 * does not exist: stories run on fixtures and scripted live events, never a server).
 */
describe('the Storybook stories', () => {
  let browser: Browser;
  let site: { url: string; server: Server };

  beforeAll(async () => {
    site = await serveBuilt();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => site?.server.close(r));
  });

  it('each renders its element without an error, a failed request or a socket', async () => {
    const index = JSON.parse(await readFile(join(built, 'index.json'), 'utf8')) as {
      entries: Record<string, { id: string; type: string }>;
    };
    const ids = Object.values(index.entries)
      .filter((e) => e.type === 'story')
      .map((e) => e.id);
    expect(ids.length).toBeGreaterThan(50);

    const page = await browser.newPage();
    let problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
    });
    page.on('websocket', (ws) => problems.push(`socket opened: ${ws.url()}`));

    const found: Record<string, string[]> = {};
    for (const id of ids) {
      problems = [];
      await page.goto(`${site.url}/iframe.html?id=${id}&viewMode=story`);
      // Rendered: an `ss-*` element with its shadow root in the story's root.
      await page.waitForFunction(
        () =>
          Array.from(document.querySelectorAll('#storybook-root *')).some(
            (el) => el.localName.startsWith('ss-') && el.shadowRoot !== null,
          ),
        undefined,
        { timeout: 10_000 },
      );
      // Time for the first loads and lazy chunks (the bell's dropdown, the report dialog).
      await page.waitForTimeout(250);
      if (problems.length > 0) found[id] = problems;
    }
    expect(found).toEqual({});
  });
});
