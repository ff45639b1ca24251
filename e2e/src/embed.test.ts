import type { CommentThread } from '@sharestack/protocol';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  createSite,
  type RunningServer,
  signUserToken,
  startHostPage,
  startShareStack,
} from './harness.js';

/**
 * The promise of the product: a site owner pastes two lines of HTML into a page on their own
 * origin and gets a working, persisted comment thread from a self-hosted server.
 */
describe('embed on another origin', () => {
  let server: RunningServer;
  let browser: Browser;
  let host: Awaited<ReturnType<typeof startHostPage>>;
  let site: { id: string; secret: string };
  let token = '';

  beforeAll(async () => {
    server = await startShareStack();
    let hostOrigin = '';
    host = await startHostPage(
      () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host blog</title></head>
<body><h1>My post</h1>
<script type="module" src="${server.url}/embed.js" data-site="${site.id}" data-token="${token}"></script>
<ss-comments content-id="hello-world"></ss-comments>
</body></html>`,
    );
    hostOrigin = new URL(host.url).origin;
    site = await createSite(server, { name: 'Host blog', origins: [hostOrigin] });
    token = await signUserToken(site.secret, 'ann', 'Ann Example');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await server?.stop();
  });

  const open = async (): Promise<Page> => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(host.url);
    await expect
      .poll(() => page.locator('ss-comments').getByRole('textbox').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(errors).toEqual([]);
    return page;
  };

  it('loads, posts, replies, reacts, and shows it all again after a reload', async () => {
    const page = await open();
    const thread = page.locator('ss-comments');

    await thread.getByRole('textbox').first().fill('First! Loving **this** post');
    await thread
      .getByRole('button', { name: /^(post|comment|send)/i })
      .first()
      .click();
    await expect.poll(() => thread.getByText('Loving').count(), { timeout: 10_000 }).toBe(1);
    // Rendered markdown from the server, not the raw text.
    await expect.poll(() => thread.locator('strong', { hasText: 'this' }).count()).toBe(1);

    await thread
      .getByRole('button', { name: /^reply/i })
      .first()
      .click();
    await thread.getByRole('textbox').last().fill('Replying to myself');
    await thread
      .getByRole('button', { name: /^(post|reply|send)/i })
      .last()
      .click();
    await expect.poll(() => thread.getByText('Replying to myself').count(), { timeout: 10_000 }).toBe(1);

    const like = thread.getByRole('button', { name: /like/i }).first();
    await like.click();
    await expect.poll(() => like.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');

    await page.reload();
    await expect.poll(() => thread.getByText('Replying to myself').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => thread.getByText('Loving').count()).toBe(1);
    await expect
      .poll(() => thread.getByRole('button', { name: /like/i }).first().getAttribute('aria-pressed'))
      .toBe('true');
    await page.close();

    // What the browser showed is what the server stored.
    const stored = await fetch(`${server.url}/api/comments/hello-world/?sort=old`, {
      headers: { 'X-ShareStack-Site': site.id },
    }).then((r) => r.json() as Promise<CommentThread>);
    expect(stored.items).toHaveLength(1);
    expect(stored.items[0]).toMatchObject({
      comment_text: 'First! Loving **this** post',
      like_count: 1,
      reply_count: 1,
    });
    expect(stored.items[0]?.replies[0]?.comment_text).toBe('Replying to myself');
  });

  it('is refused on an origin the site has not allowed', async () => {
    const other = await startHostPage(
      () => `<!doctype html><html lang="en"><head><title>Other</title></head><body>
<script type="module" src="${server.url}/embed.js" data-site="${site.id}"></script>
<ss-comments content-id="hello-world"></ss-comments></body></html>`,
    );
    const page = await browser.newPage();
    const refused = page.waitForEvent('requestfailed', {
      predicate: (r) => r.url().includes('/api/comments/'),
    });
    await page.goto(other.url);
    await refused;
    await page.close();
    await other.close();
  });
});
