/**
 * Moderation benchmark (issue 6). Two figures:
 *
 * 1. Comments accepted per second through the full pipeline (rate limits, ban check, word
 *    lists, obscenity, links, repetition, new-account checks, the naive Bayes classifier with
 *    the site's learned counts, queueing of held comments) over HTTP on SQLite, by autocannon
 *    posting a mix of ordinary comments and spam from 200 users. Target ≥ 1,000/s.
 * 2. The latency the pipeline adds to a post: the comments service with and without the
 *    moderation hook, called alternately in one process on the same SQLite file; p50/p99 of
 *    each and the difference.
 *
 * It drives the server as built (server/dist: `pnpm -C server build` first; BENCH_SERVER=src
 * runs the sources through tsx instead, see server.ts).
 *
 *   pnpm --filter @sharestack/bench run bench:moderation
 *   BENCH_SECONDS=20 BENCH_CONNECTIONS=16 pnpm --filter @sharestack/bench run bench:moderation
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SiteWithSecret } from '@sharestack/protocol';
import { SiteSettings } from '@sharestack/protocol/schemas';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import { SETTINGS, sign, textFor } from './moderation-mix.js';
import { server, serverBuild } from './server.js';
import { ms, summarise } from './stats.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const POSTS = Number(process.env.BENCH_POSTS ?? 3000);
const PORT = 19_000 + Math.floor(Math.random() * 500) * 2;
const base = `http://127.0.0.1:${PORT}`;
async function throughput(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ss-bench-mod-'));
  // SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server process; BENCH_PROFILE=DIR
  // only the measured windows (serve.ts).
  const nodeArgs = process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = fork(join(import.meta.dirname, 'serve.ts'), [dataDir, String(PORT)], {
    execArgv: ['--import', 'tsx', ...nodeArgs],
    stdio: 'inherit',
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  try {
    const created = await fetch(`${base}/api/admin/sites`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer bench-admin-key-000' },
      body: JSON.stringify({ name: 'bench', origins: ['*'], settings: SETTINGS }),
    });
    const site = (await created.json()) as SiteWithSecret;
    const users = await Promise.all(Array.from({ length: 200 }, (_, i) => sign(site.secret, `user-${i}`)));
    // Moderators' comments skip the pipeline: the same server and route without it, for comparison.
    const moderators = await Promise.all(
      Array.from({ length: 200 }, (_, i) => modToken(site.secret, `mod-${i}`)),
    );
    // One count over every run: a warm-up's texts come back in no later run, so duplicates are
    // only those the mix means (none) and every run holds the same share of spam.
    let n = 0;
    const load = (tokens: string[], duration: number) => {
      const request = {
        method: 'POST' as const,
        path: '/api/comments',
        setupRequest(req: Record<string, unknown>) {
          const i = n++;
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              'X-ShareStack-Site': site.id,
              authorization: `Bearer ${tokens[i % tokens.length]}`,
            },
            body: JSON.stringify({ content_id: `post-${i % 50}`, comment_text: textFor(i) }),
          };
        },
      };
      return autocannon({ url: base, connections: CONNECTIONS, duration, requests: [request as never] });
    };
    const measure = async (tokens: string[]) => {
      await load(tokens, 2);
      await fetch(`${base}/__bench/stats?reset`);
      const result = await load(tokens, SECONDS);
      const stats = (await (await fetch(`${base}/__bench/stats`)).json()) as Record<string, number[]>;
      const cpuMsPerPost = (stats.cpu?.[0] ?? 0) / 1000 / Math.max(1, result['2xx'] + result.non2xx);
      return { result, server: summarise(stats.app ?? []), accepted: result['2xx'] / SECONDS, cpuMsPerPost };
    };
    // Both kinds warm up first: code only the pipeline runs is loaded and compiled on first use,
    // which would otherwise count against whichever run came first.
    await load(users, 3);
    await load(moderators, 2);
    // BENCH_ORDER=moderators-first measures the comparison run first (to check for order effects).
    const modsFirst = process.env.BENCH_ORDER === 'moderators-first';
    // BENCH_ONLY=users or moderators measures one kind (for profiling each on its own).
    const only = process.env.BENCH_ONLY;
    const skippedFirst = modsFirst && only !== 'users' ? await measure(moderators) : null;
    const full = only === 'moderators' ? (skippedFirst ?? (await measure(moderators))) : await measure(users);
    const skipped = only === 'users' ? full : (skippedFirst ?? (await measure(moderators)));
    const queue = await fetch(`${base}/api/moderation/queue?limit=1`, {
      headers: { 'X-ShareStack-Site': site.id, authorization: `Bearer ${moderators[0]}` },
    });
    const counts = ((await queue.json()) as { counts: Record<string, number> }).counts;
    const row = (name: string, m: typeof full) =>
      `${name.padEnd(30)} ${m.accepted.toFixed(0).padStart(6)} accepted/s   server p50 ${ms(m.server.p50)}  p99 ${ms(m.server.p99)}   client p99 ${ms(m.result.latency.p99)}   server CPU ${ms(m.cpuMsPerPost)}/post   non-2xx ${m.result.non2xx}  errors ${m.result.errors}`;
    console.log(
      `\nPOST /api/comments over HTTP, ${CONNECTIONS} connections, ${SECONDS} s each, SQLite (WAL), ${serverBuild}`,
    );
    console.log(row('users (full pipeline)', full));
    console.log(row('moderators (pipeline skipped)', skipped));
    console.log(
      `with / without the pipeline: ${(full.accepted / skipped.accepted).toFixed(2)}   (target ≥ 1000 accepted/s through it)`,
    );
    console.log(`held for review: ${JSON.stringify(counts)}`);
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function modToken(secret: string, sub = 'mod') {
  return new SignJWT({ name: sub, roles: ['moderator'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));
}

async function addedLatency(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ss-bench-mod-'));
  const config = server.loadConfig({ DATA_DIR: dataDir, SHARESTACK_ADMIN_KEY: 'bench-admin-key-000' });
  const services = await server.startServices(config, {
    info: () => {},
    error: (m, e) => console.error(m, e),
  });
  try {
    const res = await services.app.request('/api/admin/sites', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer bench-admin-key-000' },
      body: JSON.stringify({ name: 'latency', settings: SETTINGS }),
    });
    const created = (await res.json()) as SiteWithSecret;
    const site = { ...created, settings: SiteSettings.parse(created.settings) };
    const plain = server.createCommentsService(services.store, services.events);
    const screened = server.createCommentsService(
      services.store,
      services.events,
      undefined,
      services.moderation.comments,
    );
    const viewer = (i: number) => ({
      id: `lat-${i % 100}`,
      name: `lat-${i % 100}`,
      avatar_url: null,
      roles: [],
      is_guest: false,
      moderator: false,
      claimedName: null,
      claimedAvatar: null,
    });
    const times = { plain: [] as number[], screened: [] as number[] };
    const post = async (which: 'plain' | 'screened', i: number) => {
      const svc = which === 'plain' ? plain : screened;
      const t0 = performance.now();
      await svc.create(site, viewer(i), { content_id: `lat-${i % 20}`, comment_text: textFor(i) });
      times[which].push(performance.now() - t0);
    };
    for (let i = 0; i < 200; i++) await post(i % 2 ? 'plain' : 'screened', i); // warm-up
    times.plain = [];
    times.screened = [];
    for (let i = 0; i < POSTS; i++) {
      await post('plain', i);
      await post('screened', i);
    }
    const p = summarise(times.plain);
    const s = summarise(times.screened);
    console.log(
      `\nLatency of one post in-process (comments service), ${POSTS} each, alternating, SQLite file, ${serverBuild}`,
    );
    console.log(`without moderation   p50 ${ms(p.p50)}  p99 ${ms(p.p99)}`);
    console.log(`with the pipeline    p50 ${ms(s.p50)}  p99 ${ms(s.p99)}`);
    console.log(`added by moderation  p50 ${ms(s.p50 - p.p50)}  p99 ${ms(s.p99 - p.p99)}`);
  } finally {
    await services.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// BENCH_PART=latency or throughput runs one half.
const part = process.env.BENCH_PART;
if (part !== 'throughput') await addedLatency();
if (part !== 'latency') await throughput();
