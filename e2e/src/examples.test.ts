import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, freePort, type RunningServer, startShareStack } from './harness.js';

const examples = resolve(import.meta.dirname, '../../examples');

interface Vite {
  child: ChildProcess;
  output(): string;
}

/** Runs the example's own Vite, as its README says. */
function vite(example: string, args: string[], env: Record<string, string> = {}): Vite {
  const cwd = join(examples, example);
  const child = spawn(process.execPath, [join(cwd, 'node_modules/vite/bin/vite.js'), ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  return { child, output: () => output };
}

async function finished({ child, output }: Vite): Promise<void> {
  const code = child.exitCode ?? (await new Promise((r) => child.once('exit', r)));
  if (code !== 0) throw new Error(`vite exited with ${code}:\n${output()}`);
}

async function serving(url: string, { child, output }: Vite): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited early:\n${output()}`);
    const up = await fetch(url)
      .then((r) => r.ok)
      .catch(() => false);
    if (up) return;
    if (Date.now() > deadline) throw new Error(`vite preview did not serve ${url} in 20 s:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const EXAMPLES = [
  { example: 'react', reader: 'react-reader' },
  { example: 'vue', reader: 'vue-reader' },
];

/**
 * The framework examples, built and previewed as an app developer would, against the real server:
 * the elements render, their events reach the framework, and what the framework renders from the
 * SDK's stores follows along (a follow, others' follows, a notification arriving live).
 */
describe('framework examples', () => {
  let server: RunningServer;
  let browser: Browser;
  const previews: ChildProcess[] = [];
  const urls = new Map<string, string>();
  const outDir = mkdtempSync(join(tmpdir(), 'ss-examples-'));

  beforeAll(async () => {
    server = await startShareStack();
    const launched = chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    await Promise.all(
      EXAMPLES.map(async ({ example }) => {
        const dist = join(outDir, example);
        await finished(
          vite(example, ['build', '--outDir', dist, '--emptyOutDir'], { VITE_SHARESTACK_URL: server.url }),
        );
        const port = await freePort();
        const preview = vite(example, [
          'preview',
          '--outDir',
          dist,
          '--host',
          '127.0.0.1',
          '--port',
          `${port}`,
        ]);
        previews.push(preview.child);
        urls.set(example, `http://127.0.0.1:${port}/`);
        await serving(`http://127.0.0.1:${port}/`, preview);
      }),
    );
    browser = await launched;
  });

  afterAll(async () => {
    await browser?.close();
    for (const preview of previews) {
      if (preview.exitCode !== null) continue;
      preview.kill('SIGTERM');
      await new Promise((r) => preview.once('exit', r));
    }
    await server?.stop();
    rmSync(outDir, { recursive: true, force: true });
  });

  /** Someone else, through the demo server's dev token route, as the example itself signs in. */
  async function asSomeoneElse(sub: string, path: string, body: unknown): Promise<void> {
    const headers = { 'X-ShareStack-Site': 'demo', 'content-type': 'application/json' };
    const minted = await fetch(`${server.url}/api/dev/token`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ sub, name: sub }),
    });
    const { token } = (await minted.json()) as { token: string };
    const response = await fetch(`${server.url}/api/${path}`, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
  }

  it.each(EXAMPLES)(
    '$example: elements render, framework-rendered counts keep in step',
    async ({ example, reader }) => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(urls.get(example)!);

      const comments = page.locator('ss-comments');
      await expect.poll(() => comments.getByRole('textbox').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      await expect.poll(() => page.locator('.session').textContent()).toMatch(/^Signed in as /);
      // A production build keeps every element it uses (a bundler may drop a registration).
      const tags = ['ss-comments', 'ss-follow-button', 'ss-notification-bell'];
      expect(await page.evaluate((t) => t.filter((tag) => !customElements.get(tag)), tags)).toEqual([]);

      // The follow button and the count the framework renders share one store. Both examples show
      // the same author, so the count is whatever the other left it at.
      const count = page.locator('.follower-count');
      const followers = async () => Number.parseInt((await count.textContent()) ?? '', 10);
      await expect.poll(followers, { timeout: 10_000 }).not.toBeNaN();
      const before = await followers();
      const follow = page.locator('ss-follow-button').getByRole('button');
      await expect.poll(() => follow.isEnabled(), { timeout: 10_000 }).toBe(true);
      await follow.click();
      await expect.poll(followers).toBe(before + 1);
      await expect.poll(() => follow.getAttribute('aria-pressed')).toBe('true');
      await expect.poll(() => page.locator('.log li').allTextContents()).toContain('You followed the author');

      // Others' follows arrive over the socket.
      await asSomeoneElse(`fan-of-ada-${example}`, 'social/follow/', { user_id: 'demo-author' });
      await expect.poll(followers, { timeout: 10_000 }).toBe(before + 2);

      // A notification for the reader: the framework's badge and the bell's agree.
      expect(await page.locator('.unread-badge').count()).toBe(0);
      await asSomeoneElse(`fan-of-${reader}`, 'social/follow/', { user_id: reader });
      await expect
        .poll(() => page.locator('.unread-badge').textContent(), { timeout: 10_000 })
        .toBe('1 unread');
      await expect.poll(() => page.locator('ss-notification-bell [part=badge]').textContent()).toBe('1');

      await comments.getByRole('textbox').first().fill(`Hello from ${example}`);
      await comments.getByRole('button', { name: /^post/i }).first().click();
      await expect
        .poll(() => page.locator('.log li').allTextContents(), { timeout: 10_000 })
        .toContain(`You commented: Hello from ${example}`);

      expect(errors).toEqual([]);
      await page.close();
    },
  );
});
