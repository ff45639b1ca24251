import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, type RunningServer, startShareStack } from './harness.js';

const TAGS = [
  'ss-notification-bell',
  'ss-profile-card',
  'ss-follow-button',
  'ss-reactions',
  'ss-bookmark-button',
  'ss-share-button',
  'ss-comments',
  'ss-activity-feed',
  'ss-notification-list',
  'ss-notification-preferences',
];

/**
 * The page `pnpm start` opens: every element on the demo site, signed in with a dev token, and
 * two readers in two browsers reaching each other live (a reply lights the other's bell).
 */
describe('the demo page', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startShareStack();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = async (query: string): Promise<{ page: Page; errors: string[] }> => {
    // Separate contexts: two people (each keeps their own demo identity in localStorage).
    const page = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/?${query}`);
    await expect
      .poll(() => page.locator('ss-comments').getByRole('textbox').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    return { page, errors };
  };

  it('shows every element, lets a reader follow the author, and lights the bell on a reply', async () => {
    const ann = await open('name=Ann');
    // The embed loads each element's code when its tag is on the page: the thread's textbox is
    // there first, the others follow.
    for (const tag of TAGS) {
      await expect
        .poll(() => ann.page.evaluate((t) => customElements.get(t) !== undefined, tag), {
          message: tag,
          timeout: 10_000,
        })
        .toBe(true);
    }
    // A reader is not a moderator: no queue.
    expect(await ann.page.locator('ss-moderation-queue').count()).toBe(0);

    // The seeded author's card, and following them from it.
    const card = ann.page.locator('ss-profile-card');
    await expect.poll(() => card.getByText('Ada (demo author)').count(), { timeout: 10_000 }).toBe(1);
    await card.getByRole('button', { name: 'Follow', exact: true }).click();
    await expect.poll(() => card.getByRole('button', { name: 'Following' }).count()).toBe(1);

    const thread = ann.page.locator('ss-comments');
    await thread.getByRole('textbox').first().fill('Hello from Ann');
    await thread.getByRole('button', { name: /^post/i }).first().click();
    await expect.poll(() => thread.getByText('Hello from Ann').count(), { timeout: 10_000 }).toBe(1);
    const bell = ann.page.locator('ss-notification-bell').getByRole('button').first();
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications, none unread');

    // Bob, in another browser, replies: Ann's bell counts it without a reload.
    const bob = await open('name=Bob');
    const bobThread = bob.page.locator('ss-comments');
    await expect.poll(() => bobThread.getByText('Hello from Ann').count(), { timeout: 10_000 }).toBe(1);
    await bobThread
      .getByRole('button', { name: /^reply/i })
      .first()
      .click();
    await bobThread.getByRole('textbox').last().fill('Hi Ann, Bob here');
    await bobThread
      .getByRole('button', { name: /^reply$/i })
      .last()
      .click();
    await expect.poll(() => thread.getByText('Hi Ann, Bob here').count(), { timeout: 10_000 }).toBe(1);
    await expect
      .poll(() => bell.getAttribute('aria-label'), { timeout: 10_000 })
      .toBe('Notifications, 1 unread');
    await expect
      .poll(() => ann.page.locator('ss-notification-list').getByText(/Bob/).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);

    expect(ann.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  });

  it('adds the moderation queue for a demo moderator', async () => {
    const mod = await open('name=Mia&moderator=1');
    const queue = mod.page.locator('ss-moderation-queue');
    await expect.poll(() => queue.getByText('Nothing to review.').count(), { timeout: 10_000 }).toBe(1);
    expect(mod.errors).toEqual([]);
  });
});
