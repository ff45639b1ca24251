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

const NAMES: Record<string, string> = { ann: 'Ann Example', bob: 'Bob Example' };

/**
 * Two readers, each in their own Chromium page on the host's origin, on one thread: what one
 * does reaches the other over the WebSocket without a reload.
 */
describe('live thread in two browser pages', () => {
  let server: RunningServer;
  let browser: Browser;
  let host: Awaited<ReturnType<typeof startHostPage>>;
  let site: { id: string; secret: string };

  beforeAll(async () => {
    server = await startShareStack();
    host = await startHostPage(async (url) => {
      const user = url.searchParams.get('user') ?? 'ann';
      const token = await signUserToken(site.secret, user, NAMES[user] ?? user);
      return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Live post</title></head>
<body><h1>Live post</h1>
<script type="module" src="${server.url}/embed.js" data-site="${site.id}" data-token="${token}"></script>
<ss-comments content-id="live-post" sort="new"></ss-comments>
</body></html>`;
    });
    site = await createSite(server, { name: 'Live blog', origins: [new URL(host.url).origin] });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await server?.stop();
  });

  const open = async (user: string): Promise<Page> => {
    // Separate contexts: two people, not two tabs of one.
    const page = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${host.url}?user=${user}`);
    await expect
      .poll(() => page.locator('ss-comments').getByRole('textbox').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(errors).toEqual([]);
    return page;
  };

  it("shows each reader the other's comments, reactions and typing as they happen", async () => {
    const ann = await open('ann');
    const bob = await open('bob');
    const annThread = ann.locator('ss-comments');
    const bobThread = bob.locator('ss-comments');

    await expect.poll(() => annThread.getByText('2 people here').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => bobThread.getByText('2 people here').count(), { timeout: 10_000 }).toBe(1);

    await annThread.getByRole('textbox').first().fill('Hello from Ann, live');
    await expect
      .poll(() => bobThread.getByText('Ann Example is typing…').count(), { timeout: 10_000 })
      .toBe(1);
    await annThread.getByRole('button', { name: /^post/i }).first().click();

    // Bob's thread does not move by itself: the comment waits behind a button.
    const show = bobThread.getByRole('button', { name: 'Show 1 new comment' });
    await expect.poll(() => show.count(), { timeout: 10_000 }).toBe(1);
    expect(await bobThread.getByText('Hello from Ann, live').count()).toBe(0);
    await show.click();
    await expect.poll(() => bobThread.getByText('Hello from Ann, live').count()).toBe(1);

    // Bob reacts; Ann's page shows the count without a reload.
    await bobThread.getByRole('button', { name: /like/i }).first().click();
    await expect
      .poll(() => annThread.getByRole('button', { name: /like/i }).first().textContent(), { timeout: 10_000 })
      .toContain('1');

    // Bob replies; the reply appears under Ann's comment in her page.
    await bobThread
      .getByRole('button', { name: /^reply/i })
      .first()
      .click();
    await bobThread.getByRole('textbox').last().fill('Hi Ann, from Bob');
    await bobThread
      .getByRole('button', { name: /^reply$/i })
      .last()
      .click();
    await expect.poll(() => annThread.getByText('Hi Ann, from Bob').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => annThread.getByRole('heading', { name: '2 comments' }).count()).toBe(1);

    // The server has what both pages show.
    const res = await fetch(`${server.url}/api/comments/live-post`, {
      headers: { 'X-ShareStack-Site': site.id },
    });
    const thread = (await res.json()) as { total_count: number; items: { like_count: number }[] };
    expect(thread.total_count).toBe(2);
    expect(thread.items[0]!.like_count).toBe(1);
  });
});
