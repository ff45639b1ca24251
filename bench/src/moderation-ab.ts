/**
 * A/B of bench/moderation's throughput half between two checkouts, for a shared machine whose
 * load moves: both servers run at once, and short measured windows alternate between them
 * (ABBA…), so a change of load weighs on both alike. Per side: the median and range of server
 * CPU per accepted post (the figure that drifts least with load), accepted/s and server p99.
 *
 *   pnpm -C bench exec tsx src/moderation-ab.ts /work/base-checkout /work/change-checkout
 *   BENCH_WINDOWS=12 BENCH_SECONDS=4 BENCH_ONLY=moderators …
 *   BENCH_ENV_CHANGE="NAME=1" … (an environment switch on one side; both checkouts may be the same)
 *
 * Each checkout's own bench/src/serve.ts runs its own server (built from its sources by tsx).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SiteWithSecret } from '@sharestack/protocol';
import autocannon from 'autocannon';
import { SETTINGS, sign, textFor } from './moderation-mix.js';
import { summarise } from './stats.js';

const [baseDir, changeDir] = process.argv.slice(2);
if (!baseDir || !changeDir) throw new Error('usage: moderation-ab.ts BASE_CHECKOUT CHANGE_CHECKOUT');
const WINDOWS = Number(process.env.BENCH_WINDOWS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROLES = process.env.BENCH_ONLY === 'moderators' ? ['moderator'] : [];

interface Side {
  name: string;
  child: ChildProcess;
  dataDir: string;
  base: string;
  site: SiteWithSecret;
  tokens: string[];
  n: number;
  cpu: number[];
  accepted: number[];
  p99: number[];
}

async function start(name: string, checkout: string, port: number): Promise<Side> {
  const dataDir = mkdtempSync(join(tmpdir(), `ss-bench-ab-${name}-`));
  // BENCH_ENV_BASE / BENCH_ENV_CHANGE="NAME=value …": environment for one side only (A/B of a switch).
  const own = process.env[`BENCH_ENV_${name.toUpperCase()}`]?.split(' ').filter(Boolean) ?? [];
  const child = fork(join(checkout, 'bench/src/serve.ts'), [dataDir, String(port)], {
    cwd: join(checkout, 'bench'),
    env: { ...process.env, ...Object.fromEntries(own.map((kv) => kv.split('=', 2) as [string, string])) },
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`${name} server exited with ${code}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const created = await fetch(`${base}/api/admin/sites`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer bench-admin-key-000' },
      body: JSON.stringify({ name: 'bench', origins: ['*'], settings: SETTINGS }),
    });
    const site = (await created.json()) as SiteWithSecret;
    const tokens = await Promise.all(
      Array.from({ length: 200 }, (_, i) => sign(site.secret, `u-${i}`, ROLES)),
    );
    return { name, child, dataDir, base, site, tokens, n: 0, cpu: [], accepted: [], p99: [] };
  } catch (err) {
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

function load(s: Side, duration: number) {
  const request = {
    method: 'POST' as const,
    path: '/api/comments',
    setupRequest(req: Record<string, unknown>) {
      const i = s.n++;
      return {
        ...req,
        headers: {
          'content-type': 'application/json',
          'X-ShareStack-Site': s.site.id,
          authorization: `Bearer ${s.tokens[i % s.tokens.length]}`,
        },
        body: JSON.stringify({ content_id: `post-${i % 50}`, comment_text: textFor(i) }),
      };
    },
  };
  return autocannon({ url: s.base, connections: CONNECTIONS, duration, requests: [request as never] });
}

async function window(s: Side) {
  await fetch(`${s.base}/__bench/stats?reset`);
  const result = await load(s, SECONDS);
  const stats = (await (await fetch(`${s.base}/__bench/stats`)).json()) as Record<string, number[]>;
  const posts = Math.max(1, result['2xx'] + result.non2xx);
  s.cpu.push((stats.cpu?.[0] ?? 0) / 1000 / posts);
  s.accepted.push(result['2xx'] / SECONDS);
  s.p99.push(summarise(stats.app ?? []).p99);
  if (result.non2xx > 0 || result.errors > 0)
    console.warn(`${s.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
}

const port = 21_000 + Math.floor(Math.random() * 400) * 2;
const sides: Side[] = [];
const loads: number[] = [];
try {
  sides.push(await start('base', baseDir, port));
  sides.push(await start('change', changeDir, port + 10));
  for (const s of sides) await load(s, 4);
  for (let w = 0; w < WINDOWS; w++) {
    // ABBA: neither side is always measured first.
    for (const s of w % 2 === 0 ? sides : [...sides].reverse()) await window(s);
    loads.push(loadavg()[0]!);
  }
} finally {
  for (const s of sides) {
    s.child.kill('SIGTERM');
    if (s.child.exitCode === null) await new Promise((r) => s.child.once('exit', r));
    rmSync(s.dataDir, { recursive: true, force: true });
  }
}
const med = (v: number[]) => summarise(v).p50;
const range = (v: number[], d: number) => `${Math.min(...v).toFixed(d)}–${Math.max(...v).toFixed(d)}`;
console.log(
  `\n${ROLES.length ? 'moderators (pipeline skipped)' : 'users (full pipeline)'}: ${WINDOWS} windows of ${SECONDS} s per side, alternating; load ${range(loads, 1)}`,
);
for (const s of sides) {
  console.log(
    `${s.name.padEnd(7)} server CPU ${med(s.cpu).toFixed(3)} ms/post (${range(s.cpu, 3)})   accepted ${med(s.accepted).toFixed(0)}/s (${range(s.accepted, 0)})   server p99 ${med(s.p99).toFixed(2)} ms (${range(s.p99, 2)})`,
  );
}
const [a, b] = sides as [Side, Side];
const ratios = a.cpu.map((x, i) => b.cpu[i]! / x);
console.log(`change / base CPU per post: median ${med(ratios).toFixed(3)} (windows ${range(ratios, 3)})`);
