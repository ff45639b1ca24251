/**
 * Round trips of a follow and an unfollow on PostgreSQL, counted rather than timed: the app
 * reaches PostgreSQL through a TCP relay on this machine that holds every answer for DELAY_MS,
 * so each time the request waits for the database costs DELAY_MS and
 * `floor(latency / DELAY_MS)` is the number of round trips (as long as the request's own work,
 * PostgreSQL's included, takes less than DELAY_MS). That figure does not drift with the
 * machine's load as latencies do. Small data (a few users); the fan-out queue is drained
 * between calls so its statements do not share the relay with the measured ones.
 *
 *   pnpm --filter @sharestack/bench run bench:social-trips
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FOLLOWED, followSite } from './follow-site.js';
import { pgAdmin, pgUrl } from './pg-admin.js';
import { server } from './server.js';

// The server as built (server.ts; BENCH_SERVER=src for the sources through tsx).
const { loadConfig, startServices } = server;

const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 100);
const CALLS = Number(process.env.BENCH_ITERATIONS ?? 15);
const PG_URL = new URL(await pgUrl());
const ADMIN_KEY = 'bench-admin-key-000';

/** Relays to PostgreSQL; what PostgreSQL sends comes through DELAY_MS late, in order. */
function delayingRelay(): Promise<{ port: number; close(): void }> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(PG_URL.port || 5432), PG_URL.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (d) => upstream.write(d));
    upstream.on('data', (d) => setTimeout(() => client.write(d), DELAY_MS));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => {
          for (const s of sockets) s.destroy();
          server.close();
        },
      }),
    ),
  );
}

const relay = await delayingRelay();
const name = `ss_bench_trips_${process.pid}`;
await pgAdmin(`create database ${name}`);
const cwd = mkdtempSync(join(tmpdir(), 'ss-bench-trips-'));
const url = new URL(PG_URL);
url.port = String(relay.port);
url.pathname = `/${name}`;
const services = await startServices(
  loadConfig(
    {
      DATA_DIR: join(cwd, 'data'),
      DATABASE_URL: url.toString(),
      SHARESTACK_ADMIN_KEY: ADMIN_KEY,
      SHARESTACK_RATE_LIMITS: JSON.stringify({ follow: { user: [1e7, 60], ip: [1e7, 60] } }),
    },
    cwd,
  ),
  { info: () => {}, error: (m, e) => console.error(m, e) },
);
try {
  const { app } = services;
  const { mover } = await followSite(app, ADMIN_KEY, 'trips');
  const call = async (path: string, init: RequestInit) => {
    // Queued inbox work and notifications first, so only the request talks to the database.
    await services.activity.settled();
    await new Promise((r) => setTimeout(r, 3 * DELAY_MS));
    const t = performance.now();
    const res = await app.request(path, init);
    await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return performance.now() - t;
  };
  const follows: number[] = [];
  const unfollows: number[] = [];
  for (let i = 0; i < CALLS + 2; i++) {
    const target = FOLLOWED[i % 2]!;
    const f = await call('/api/social/follow/', {
      method: 'POST',
      headers: mover,
      body: JSON.stringify({ user_id: target }),
    });
    const u = await call(`/api/social/follow/${target}/`, { method: 'DELETE', headers: mover });
    // The first calls open pool connections and prepare statements.
    if (i >= 2) {
      follows.push(f);
      unfollows.push(u);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`PostgreSQL round trips (answers held ${DELAY_MS} ms; median of ${CALLS}):`);
  for (const [label, xs] of [
    ['follow', follows],
    ['unfollow', unfollows],
  ] as const) {
    const m = median(xs);
    console.log(`  ${label.padEnd(9)} ${Math.floor(m / DELAY_MS)} round trips (${m.toFixed(1)} ms)`);
  }
} finally {
  await services.close();
  relay.close();
  await pgAdmin(`drop database if exists ${name} with (force)`);
  rmSync(cwd, { recursive: true, force: true });
}
