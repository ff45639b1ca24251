/**
 * `pnpm --filter @sharestack/bench bench:ws` — the real-time layer under load (run by hand; the
 * figures go on the issue, not into a test).
 *
 *  1. One server process (the built CLI, SQLite) holding SOCKETS concurrent authenticated,
 *     subscribed sockets (default 19,000: the open-file limit here is 20,000 a process), with the
 *     server's RSS growth per socket.
 *  2. Trigger → delivery latency: comments posted over HTTP one at a time while HOT (10,000)
 *     sockets follow that thread; the time from sending the POST to each socket's frame.
 *  3. Broadcast throughput: BURST (60) comments posted at once; deliveries a second until the last
 *     socket has the last one.
 *  4. The same with two server processes sharing PostgreSQL and Redis (sockets split between them,
 *     every comment posted to the first).
 *
 * The client sockets live in WORKERS child processes on the same 2 cores as the server, so the
 * throughput is a floor for the server rather than its ceiling.
 */
import { type ChildProcess, fork, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SiteWithSecret } from '@sharestack/protocol';
import { SignJWT } from 'jose';
import pg from 'pg';
import { ms, summarise } from './stats.js';
import type { WorkerJob, WorkerReport } from './ws-worker.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'server/dist/cli.js');
const SOCKETS = Number(process.env.SOCKETS ?? 19_000);
const HOT = Math.min(SOCKETS, Number(process.env.HOT ?? 10_000));
const WORKERS = Number(process.env.WORKERS ?? 4);
const TRIGGERS = Number(process.env.TRIGGERS ?? 40);
const BURST = Number(process.env.BURST ?? 60);
const SPACING_MS = Number(process.env.SPACING_MS ?? 500);
const ADMIN_KEY = 'bench-ws-admin-key-000';
const HOT_CONTENT = 'bench-hot';
const PG_URL = process.env.SHARESTACK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Server {
  child: ChildProcess;
  url: string;
}

const now = () => performance.timeOrigin + performance.now();

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]);
}

async function startServer(env: Record<string, string>): Promise<Server> {
  // SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the servers.
  const nodeArgs = process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, cli], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      SHARESTACK_ADMIN_KEY: ADMIN_KEY,
      SHARESTACK_RATE_LIMITS: JSON.stringify({ comment: { user: [1e7, 60], ip: [1e7, 60] } }),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((res, rej) => {
    child.stdout!.on('data', (d: Buffer) => {
      const m = /listening on (http:\/\/\S+)/.exec(d.toString());
      if (m) res({ child, url: m[1]! });
    });
    child.once('exit', (code) => rej(new Error(`server exited with ${code}`)));
  });
}

async function stopServer(s: Server) {
  s.child.kill('SIGTERM');
  if (s.child.exitCode === null) await new Promise((r) => s.child.once('exit', r));
}

async function post(base: string, site: SiteWithSecret, token: string, text: string) {
  const res = await fetch(`${base}/api/comments/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-sharestack-site': site.id,
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ content_id: HOT_CONTENT, comment_text: text }),
  });
  if (res.status !== 201) throw new Error(`post ${res.status}: ${await res.text()}`);
}

function startWorkers(job: Omit<WorkerJob, 'from' | 'count'>) {
  const per = Math.ceil(SOCKETS / WORKERS);
  const workers: ChildProcess[] = [];
  const ready: Promise<{ open: number; failed: number }>[] = [];
  for (let w = 0; w < WORKERS; w++) {
    const child = fork(join(import.meta.dirname, 'ws-worker.ts'), [], { execArgv: ['--import', 'tsx'] });
    workers.push(child);
    ready.push(
      new Promise((res) =>
        child.once('message', (m: WorkerReport) => {
          if (m.type === 'ready') res(m);
        }),
      ),
    );
    const from = w * per;
    child.send({ type: 'start', job: { ...job, from, count: Math.max(0, Math.min(per, SOCKETS - from)) } });
  }
  return { workers, ready: Promise.all(ready) };
}

async function collect(workers: ChildProcess[]) {
  const reports = await Promise.all(
    workers.map(
      (w) =>
        new Promise<Extract<WorkerReport, { type: 'latencies' }>>((res) => {
          const on = (m: WorkerReport) => {
            if (m.type !== 'latencies') return;
            w.off('message', on);
            res(m);
          };
          w.on('message', on);
          w.send({ type: 'collect' });
        }),
    ),
  );
  return {
    samples: reports.flatMap((r) => r.samples),
    delivered: reports.reduce((n, r) => n + r.delivered, 0),
  };
}

async function run(label: string, servers: Server[]) {
  console.log(`\n## ${label}`);
  const res = await fetch(`${servers[0]!.url}/api/admin/sites`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'ws bench', origins: ['*'] }),
  });
  const site = (await res.json()) as SiteWithSecret;
  // A moderator: the trigger comments skip the moderation pipeline (they all look alike).
  const author = await new SignJWT({ name: 'Trigger', roles: ['moderator'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('trigger')
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(site.secret));
  // Warm: the first request compiles routes and opens statements.
  await post(servers[0]!.url, site, author, 'bench warm-up');
  await sleep(1_000);
  const before = servers.map((s) => rssKb(s.child.pid!));

  const t0 = Date.now();
  const { workers, ready } = startWorkers({
    urls: servers.map((s) => s.url),
    site: site.id,
    secret: site.secret,
    hot: HOT,
    hotTopic: `comments:content:${HOT_CONTENT}`,
  });
  const opened = await ready;
  const open = opened.reduce((n, r) => n + r.open, 0);
  const failed = opened.reduce((n, r) => n + r.failed, 0);
  console.log(
    `sockets: ${open} open and subscribed, ${failed} failed, in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  // Let presence settle and the heap stop moving.
  await sleep(5_000);
  const after = servers.map((s) => rssKb(s.child.pid!));
  const grownKb = after.reduce((n, a, i) => n + a - before[i]!, 0);
  console.log(
    `server RSS: ${before.map((b, i) => `${(b / 1024).toFixed(0)} → ${(after[i]! / 1024).toFixed(0)} MiB`).join(', ')}; ` +
      `${((grownKb * 1024) / open / 1024).toFixed(2)} KB per socket (target ≤ 12 KB)`,
  );

  // Latency: one comment at a time, far enough apart that one fan-out ends before the next.
  await collect(workers);
  for (let i = 0; i < TRIGGERS; i++) {
    await post(servers[0]!.url, site, author, `bench t=${now().toFixed(3)}`);
    await sleep(SPACING_MS);
  }
  await sleep(1_000);
  const lat = await collect(workers);
  const s = summarise(lat.samples);
  console.log(
    `trigger → delivery, ${HOT} subscribers × ${TRIGGERS} comments: ${lat.delivered} deliveries ` +
      `(expected ${HOT * TRIGGERS}); p50 ${ms(s.p50)}, p99 ${ms(s.p99)}, max ${ms(s.max)} (target p99 ≤ 50 ms)`,
  );

  // Throughput: BURST comments posted at once by 4 writers; deliveries a second until the last
  // socket has the last comment (a backlog, not a steady state: the server is the bottleneck).
  let posted = 0;
  const start = now();
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (posted < BURST) {
        posted++;
        await post(servers[0]!.url, site, author, `bench t=${now().toFixed(3)}`);
      }
    }),
  );
  const postedIn = (now() - start) / 1000;
  const expected = posted * HOT;
  let got = 0;
  let lastSeen = now();
  for (let waited = 0; waited < 120_000 && got < expected; waited += 250) {
    await sleep(250);
    const r = await collect(workers);
    if (r.delivered > 0) lastSeen = now();
    got += r.delivered;
  }
  const seconds = (lastSeen - start) / 1000;
  console.log(
    `broadcast: ${posted} comments posted in ${postedIn.toFixed(1)} s to ${HOT} sockets; ` +
      `${got} of ${expected} delivered in ${seconds.toFixed(1)} s = ${Math.round(got / seconds).toLocaleString('en')} deliveries/s`,
  );

  for (const w of workers) w.send({ type: 'stop' });
  await Promise.all(
    workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))),
  );
}

const which = process.argv[2] ?? 'all';
console.log(`# bench/ws: ${SOCKETS} sockets, ${HOT} on the hot thread, ${WORKERS} client processes`);

if (which === 'all' || which === 'single') {
  const dataDir = mkdtempSync(join(tmpdir(), 'ss-bench-ws-'));
  const server = await startServer({ DATA_DIR: dataDir });
  try {
    await run('one process, SQLite, in-process bus', [server]);
  } finally {
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (which === 'all' || which === 'cluster') {
  if (spawnSync('redis-cli', ['-u', REDIS_URL, 'ping']).stdout?.toString().trim() !== 'PONG') {
    throw new Error(`Redis at ${REDIS_URL} is not answering`);
  }
  const name = `ss_bench_ws_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.toString(), REDIS_URL };
  const a = await startServer(env);
  const b = await startServer(env);
  try {
    await run('two processes, PostgreSQL + Redis bus', [a, b]);
  } finally {
    await stopServer(a);
    await stopServer(b);
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
