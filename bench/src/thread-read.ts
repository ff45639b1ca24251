/**
 * Thread-read benchmark (issue: foundation). Seeds a 1,000-comment thread nested 5 deep through
 * the real API, then loads the first page of it (sort=best, replies included) with autocannon,
 * side by side with bare Hono JSON routes in the same server process: one sending the same page
 * (serialised per request, as a plain handler would) and one sending a tiny object. Anonymous
 * reads (most embed traffic) are cached by content version; signed-in reads (own reactions,
 * own pending comments) are built fresh each time. Prints server-side p50/p99 (handler time),
 * client-side latency, req/s, and the ratios.
 *
 *   pnpm bench            # or: pnpm --filter @sharestack/bench run bench:thread-read
 *   BENCH_SECONDS=20 BENCH_CONNECTIONS=16 pnpm bench
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Comment, CommentThread, SiteWithSecret } from '@sharestack/protocol';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import { ms, summarise } from './stats.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 1000);
const PORT = 18_000 + Math.floor(Math.random() * 1000) * 2;
const base = `http://127.0.0.1:${PORT}`;
const dataDir = mkdtempSync(join(tmpdir(), 'ss-bench-'));

const child = fork(join(import.meta.dirname, 'serve.ts'), [dataDir, String(PORT)], {
  execArgv: ['--import', 'tsx'],
  stdio: 'inherit',
});
await new Promise<void>((resolve, reject) => {
  child.once('message', () => resolve());
  child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
});

try {
  const site = await json<SiteWithSecret>('POST', '/api/admin/sites', {
    auth: 'bench-admin-key-000',
    body: {
      name: 'bench',
      origins: ['*'],
      settings: { max_depth: 5, new_account_comments_per_hour: 10_000 },
    },
  });
  const tokens = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      new SignJWT({ name: `User ${i}` })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(`user-${i}`)
        .setExpirationTime('2h')
        .sign(new TextEncoder().encode(site.secret)),
    ),
  );

  console.log(`Seeding ${COMMENTS} comments (depth ≤ 5) through the API…`);
  const t0 = performance.now();
  const nodes: Array<{ id: string; depth: number }> = [];
  let seed = 42;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = 0; i < COMMENTS; i++) {
    const candidates = nodes.filter((n) => n.depth < 4);
    const parent =
      i < 20 || rand() < 0.25 || candidates.length === 0
        ? null
        : candidates[Math.floor(rand() * candidates.length)]!;
    const created = await json<Comment>('POST', '/api/comments/', {
      site: site.id,
      auth: tokens[i % tokens.length]!,
      body: {
        content_id: 'bench-post',
        comment_text: `Comment ${i} with **markdown**, a [link](https://example.com/${i}) and @user-${i % 7}.`,
        parent_comment_id: parent?.id ?? null,
      },
    });
    nodes.push({ id: created.id, depth: created.depth });
  }
  for (let i = 0; i < 3000; i++) {
    const target = nodes[Math.floor(rand() * nodes.length)]!;
    const type = ['like', 'love', 'helpful', 'insightful'][Math.floor(rand() * 4)];
    await json('POST', `/api/comments/${target.id}/like/`, {
      site: site.id,
      auth: tokens[Math.floor(rand() * tokens.length)]!,
      body: { reaction_type: type },
    });
  }
  const maxDepth = Math.max(...nodes.map((n) => n.depth));
  console.log(
    `Seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s; deepest reply depth ${maxDepth}.`,
  );

  const threadPath = '/api/comments/bench-post/?sort=best&limit=20';
  const page = await json<CommentThread>('GET', threadPath, { site: site.id });
  const sent = JSON.stringify(page.items).length;
  const perPage = countTree(page.items);
  console.log(
    `First page: ${page.items.length} top-level, ${perPage} comments in all, ${(sent / 1024).toFixed(1)} KB; thread total ${page.total_count}.`,
  );

  const siteHeader = { 'X-ShareStack-Site': site.id };
  const thread = await load(`${base}${threadPath}`, siteHeader, 'app');
  const threadGzip = await load(`${base}${threadPath}`, { ...siteHeader, 'Accept-Encoding': 'gzip' }, 'app');
  const signedIn = await load(
    `${base}${threadPath}`,
    { ...siteHeader, 'Accept-Encoding': 'gzip', authorization: `Bearer ${tokens[0]}` },
    'app',
  );
  const barePage = await load(
    `http://127.0.0.1:${PORT + 1}/bare-page?site=${site.id}&path=${encodeURIComponent(threadPath)}`,
    {},
    'bare',
  );
  const bare = await load(`http://127.0.0.1:${PORT + 1}/bare`, {}, 'bare');

  const row = (name: string, r: Awaited<ReturnType<typeof load>>) =>
    `${name.padEnd(24)} ${r.rps.toFixed(0).padStart(8)} req/s   server p50 ${ms(r.server.p50).padStart(9)}  p99 ${ms(r.server.p99).padStart(9)}   client p50 ${ms(r.client.p50).padStart(9)}  p99 ${ms(r.client.p99).padStart(9)}   errors ${r.errors}`;
  console.log(`\n${COMMENTS}-comment thread, ${CONNECTIONS} connections, ${SECONDS} s each, SQLite (WAL)`);
  console.log(row('thread read', thread));
  console.log(row('thread read, gzip', threadGzip));
  console.log(row('thread read, signed in', signedIn));
  console.log(row('bare Hono, same page', barePage));
  console.log(row('bare Hono, tiny JSON', bare));
  console.log(
    `\nratio thread / bare same-page req/s: ${(thread.rps / barePage.rps).toFixed(2)}   (target ≥ 0.60)`,
  );
  console.log(`ratio thread gzip / bare same-page: ${(threadGzip.rps / barePage.rps).toFixed(2)}`);
  console.log(
    `ratio thread / bare tiny JSON:      ${(thread.rps / bare.rps).toFixed(2)}  (bounded by the payload: ${(sent / 1024).toFixed(0)} KB vs 0.1 KB)`,
  );
  console.log(`thread read server p99: ${ms(thread.server.p99)}   (target ≤ 15 ms)`);
} finally {
  child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

function countTree(items: Comment[]): number {
  return items.reduce((n, c) => n + 1 + countTree(c.replies), 0);
}

async function load(url: string, headers: Record<string, string>, timer: 'app' | 'bare') {
  // Warm caches and the JIT, then measure.
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 2 });
  await fetch(`${base}/__bench/stats?reset`);
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS });
  const stats = (await (await fetch(`${base}/__bench/stats`)).json()) as Record<string, number[]>;
  return {
    rps: result.requests.average,
    errors: result.errors + result.non2xx,
    client: { p50: result.latency.p50, p99: result.latency.p99 },
    server: summarise(stats[timer] ?? []),
  };
}

async function json<T>(
  method: string,
  path: string,
  opts: { site?: string; auth?: string; body?: unknown },
): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.site) headers['X-ShareStack-Site'] = opts.site;
  if (opts.auth) headers.authorization = `Bearer ${opts.auth}`;
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
