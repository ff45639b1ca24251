/**
 * Child process of the thread-read benchmark: the real ShareStack app on one port and a bare
 * Hono JSON route on the next, each wrapped in a timer that records server-side handler time.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { server } from './server.js';

const [dataDir, portArg] = process.argv.slice(2);
if (!dataDir || !portArg) throw new Error('usage: serve.ts DATA_DIR PORT');
const port = Number(portArg);

const timings: Record<string, number[]> = { app: [], bare: [] };
let cpuSince = process.cpuUsage();
/**
 * BENCH_PROFILE=DIR: a CPU profile of each measured window only (from a stats reset to the next
 * stats read), without the start-up and warm-up a --cpu-prof profile of the process holds.
 */
const profileDir = process.env.BENCH_PROFILE;
let profiler: Session | null = null;
let profiles = 0;
let profiling = false;
async function profileWindow(reset: boolean) {
  if (!profileDir) return;
  if (profiler && profiling) {
    profiling = false;
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(join(profileDir, `window-${++profiles}.cpuprofile`), JSON.stringify(profile));
  }
  if (!reset) return;
  if (!profiler) {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.setSamplingInterval', { interval: 250 });
  }
  await profiler.post('Profiler.start');
  profiling = true;
}
type Fetch = (req: Request, env?: unknown) => Response | Promise<Response>;
const timed = (name: string, fetch: Fetch): Fetch =>
  async function timedFetch(req, env) {
    const url = new URL(req.url);
    if (url.pathname === '/__bench/stats') {
      // CPU time of this process since the last reset (µs), which other sessions' load barely moves.
      const used = process.cpuUsage(cpuSince);
      const body = JSON.stringify({ ...timings, cpu: [used.user + used.system] });
      const reset = url.searchParams.has('reset');
      await profileWindow(reset);
      if (reset) {
        for (const k of Object.keys(timings)) timings[k] = [];
        cpuSince = process.cpuUsage();
      }
      return new Response(body, { headers: { 'content-type': 'application/json' } });
    }
    const t0 = performance.now();
    // Both apps answer with bodies already serialised to strings, so the time to the Response
    // covers the work; passing the Response on untouched keeps the adapter's fast path.
    const res = await fetch(req, env);
    timings[name]?.push(performance.now() - t0);
    return res;
  };

// Seeding posts thousands of comments from one address: lift the write limits unless a run sets its own.
const unlimited = JSON.stringify(
  Object.fromEntries(
    ['comment', 'reaction', 'follow', 'bookmark'].map((s) => [s, { user: [1e7, 60], ip: [1e7, 60] }]),
  ),
);
const config = server.loadConfig({
  SHARESTACK_RATE_LIMITS: unlimited,
  ...process.env,
  DATA_DIR: dataDir,
  SHARESTACK_ADMIN_KEY: 'bench-admin-key-000',
});
const { app } = await server.startServices(config, { info: () => {}, error: (m, e) => console.error(m, e) });
// Two bare routes: a tiny JSON object, and the same thread page the app sends — fetched from the
// app once, then serialised on every request as any plain JSON handler would.
let page: unknown;
const bare = new Hono()
  .get('/bare', (c) =>
    c.json({ items: [{ id: '1', comment_text: 'hello', like_count: 0 }], next_cursor: null }),
  )
  .get('/bare-page', async (c) => {
    page ??= await (
      await app.request(c.req.query('path') ?? '/', {
        headers: { 'X-ShareStack-Site': c.req.query('site') ?? '' },
      })
    ).json();
    return c.json(page);
  });

// Ready once both listen: binding to a host name waits for a lookup, after this turn.
const listening = (fetch: Fetch, at: number) =>
  new Promise<void>((resolve) => serve({ fetch, port: at, hostname: '127.0.0.1' }, () => resolve()));
await Promise.all([listening(timed('app', app.fetch), port), listening(timed('bare', bare.fetch), port + 1)]);
// Exit normally on SIGTERM so a --cpu-prof profile gets written.
process.once('SIGTERM', () => process.exit(0));
process.send?.('ready');
