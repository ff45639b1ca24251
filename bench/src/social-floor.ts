/**
 * The floor under the follow's latency on this machine: a follow and an unfollow against the
 * cheapest requests the same app serves, each call made alone (the fan-out queue and the
 * notification worker drained, then GAP_MS idle), in process, on a small data set:
 *   - a static asset (`/embed.js`: routing and headers, no database);
 *   - an authenticated read (`GET /api/social/follow/{id}`: the token, three indexed reads: the
 *     counts with the profile's visibility, the follow, the block);
 *   - a follow and an unfollow (a write transaction and its journal).
 * On SQLite and, when reachable, on PostgreSQL. `bench:social` measures the follow under its
 * own fan-out and at scale; this says how much of a p99 is the request path itself.
 *
 *   pnpm --filter @sharestack/bench run bench:social-floor
 *   BENCH_ITERATIONS (200), BENCH_GAP_MS (20), BENCH_DIALECTS (sqlite,postgres)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FOLLOWED, followSite } from './follow-site.js';
import { pgAdmin, pgUrl } from './pg-admin.js';
import { server, serverBuild } from './server.js';
import { ms, percentile } from './stats.js';

const { loadConfig, startServices } = server;
const CALLS = Number(process.env.BENCH_ITERATIONS ?? 200);
const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 20);
const WARMUP = 10;
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',');
const ADMIN_KEY = 'bench-admin-key-000';

type Call = { path: string; init: RequestInit };

async function run(dialect: string): Promise<Map<string, number[]> | null> {
  const cwd = mkdtempSync(join(tmpdir(), 'ss-bench-floor-'));
  const name = `ss_bench_floor_${process.pid}`;
  let databaseUrl: string | undefined;
  if (dialect === 'postgres') {
    let base: string;
    try {
      base = await pgUrl();
    } catch (err) {
      if (process.env.SHARESTACK_REQUIRE_SERVICES === '1') throw err;
      console.log(`[postgres] skipped: ${(err as Error).message}`);
      return null;
    }
    await pgAdmin(`create database ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  const services = await startServices(
    loadConfig(
      {
        DATA_DIR: join(cwd, 'data'),
        SHARESTACK_ADMIN_KEY: ADMIN_KEY,
        SHARESTACK_RATE_LIMITS: JSON.stringify({ follow: { user: [1e7, 60], ip: [1e7, 60] } }),
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      },
      cwd,
    ),
    { info: () => {}, error: (m, e) => console.error(m, e) },
  );
  try {
    const { app } = services;
    const { mover } = await followSite(app, ADMIN_KEY, 'floor');
    const times = new Map<string, number[]>();
    const call = async (label: string, { path, init }: Call) => {
      await services.activity.settled();
      await services.notifications.worker.drain();
      await new Promise((r) => setTimeout(r, GAP_MS));
      const t = performance.now();
      const res = await app.request(path, init);
      await res.text();
      const elapsed = performance.now() - t;
      if (res.status !== 200) throw new Error(`${label}: ${res.status}`);
      const xs = times.get(label) ?? [];
      xs.push(elapsed);
      times.set(label, xs);
    };
    for (let i = 0; i < CALLS + WARMUP; i++) {
      const target = FOLLOWED[i % 2]!;
      await call('static asset', { path: '/embed.js', init: {} });
      await call('authenticated read', { path: `/api/social/follow/${target}`, init: { headers: mover } });
      await call('follow', {
        path: '/api/social/follow/',
        init: { method: 'POST', headers: mover, body: JSON.stringify({ user_id: target }) },
      });
      await call('unfollow', {
        path: `/api/social/follow/${target}/`,
        init: { method: 'DELETE', headers: mover },
      });
    }
    for (const xs of times.values()) xs.splice(0, WARMUP);
    return times;
  } finally {
    await services.close();
    if (databaseUrl) await pgAdmin(`drop database if exists ${name} with (force)`);
    rmSync(cwd, { recursive: true, force: true });
  }
}

console.log(
  `Request floor — each call alone (queue drained, ${GAP_MS} ms idle before it), in process, ${CALLS} calls each; ${serverBuild}.`,
);
for (const dialect of DIALECTS) {
  const times = await run(dialect);
  if (!times) continue;
  const load = loadavg().map((l) => l.toFixed(2));
  console.log(`\n[${dialect}] load average ${load.join(' ')}`);
  for (const [label, xs] of times) {
    const sorted = [...xs].sort((a, b) => a - b);
    const at = (p: number) => ms(percentile(sorted, p)).padStart(9);
    console.log(`  ${label.padEnd(20)} p50 ${at(50)}  p90 ${at(90)}  p99 ${at(99)}  max ${at(100)}`);
  }
}
