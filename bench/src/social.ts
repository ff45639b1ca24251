/**
 * Social benchmark (issue 4): follow/unfollow latency and personalised-feed latency for a user
 * following 1,000 accounts over 1,000,000 activities, on SQLite and on PostgreSQL. The data set
 * is bulk-loaded (see social-data.ts); every measured call goes through the full app
 * (`app.request`: tenancy, JWT verification, validation, service, serialisation), one at a
 * time, timed from request to parsed response.
 *
 *   pnpm --filter @sharestack/bench run bench:social          # both dialects
 *   BENCH_DIALECTS=sqlite BENCH_ITERATIONS=300 pnpm --filter @sharestack/bench run bench:social
 *   BENCH_REUSE_DATA=1 …   # keep the loaded data set (a PostgreSQL template database, a copy
 *                          # of the SQLite file) and start later runs from it: A/B runs back to
 *                          # back then spend a minute each instead of four loading data
 *
 * Besides latency it prints CPU per follow+unfollow pair, of the bench process (the app and
 * its queue, whose jobs run between requests) and of the app's PostgreSQL backends: figures
 * that do not drift with the machine's load as latency does. BENCH_PROFILE=DIR writes a CPU
 * profile of each dialect's measured follow loop there (open it in Chrome's DevTools).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feed, FollowStatus, SiteWithSecret } from '@sharestack/protocol';
import { SignJWT } from 'jose';
import type { Kysely } from 'kysely';
import { backendCpu, pgAdmin, pgUrl } from './pg-admin.js';
import { server, serverBuild } from './server.js';
import { loadSocialData, SHAPE } from './social-data.js';
import { ms, summarise } from './stats.js';

// The server as built (server.ts; BENCH_SERVER=src for the sources through tsx).
const { loadConfig, startServices } = server;

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 1000);
const WARMUP = 50;
const ADMIN_KEY = 'bench-admin-key-000';
const dialects = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',');
const REUSE = process.env.BENCH_REUSE_DATA === '1';
const PROFILE_DIR = process.env.BENCH_PROFILE;
/** Where a kept data set lives: the shape is in the name, so another shape loads afresh. */
const DATA_KEY = `${SHAPE.authors}_${SHAPE.activities}`;
const PG_TEMPLATE = `ss_bench_social_data_${DATA_KEY}`;
const SQLITE_COPY = join(tmpdir(), `ss-bench-social-data-${DATA_KEY}.db`);

interface Figures {
  dialect: string;
  load: number;
  follow: ReturnType<typeof summarise>;
  unfollow: ReturnType<typeof summarise>;
  feedFirst: ReturnType<typeof summarise>;
  feedPaged: ReturnType<typeof summarise>;
  entries: number;
  /**
   * Work the follows left queued when the loop ended (fan-out jobs, notification triggers), and
   * how long it took to finish.
   */
  backlog: { jobs: number; triggers: number; drainMs: number };
  /**
   * CPU ms per follow+unfollow pair: this process, and the app's PostgreSQL backends; during the
   * loop, and with the drain of the inbox work the loop left queued (the fair figure when one
   * side leaves more of it for after the loop).
   */
  cpu: { node: number; pg: number | null; nodeDrained: number; pgDrained: number | null };
}

async function run(dialect: string): Promise<Figures> {
  const cwd = mkdtempSync(join(tmpdir(), 'ss-bench-social-'));
  let databaseUrl: string | undefined;
  let dropDb = async () => {};
  let kept = false;
  let dbName = '';
  if (dialect === 'postgres') {
    dbName = `ss_bench_social_${process.pid}`;
    kept = REUSE && (await pgAdmin('select 1 from pg_database where datname = $1', [PG_TEMPLATE])).length > 0;
    await pgAdmin(`drop database if exists ${dbName}`);
    await pgAdmin(`create database ${dbName}${kept ? ` template ${PG_TEMPLATE}` : ''}`);
    const url = new URL(await pgUrl());
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
    dropDb = async () => {
      await pgAdmin(`drop database if exists ${dbName} with (force)`);
    };
  } else if (REUSE && existsSync(SQLITE_COPY)) {
    kept = true;
    mkdirSync(join(cwd, 'data'));
    copyFileSync(SQLITE_COPY, join(cwd, 'data', 'sharestack.db'));
  }
  const config = loadConfig(
    {
      DATA_DIR: join(cwd, 'data'),
      SHARESTACK_ADMIN_KEY: ADMIN_KEY,
      // One user follows and unfollows a thousand times a run: lift the follow allowance (the
      // limiter and the ban check still run on every follow, as they do in production).
      SHARESTACK_RATE_LIMITS: JSON.stringify({ follow: { user: [1e7, 60], ip: [1e7, 60] } }),
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
    cwd,
  );
  const start = () => startServices(config, { info: () => {}, error: (m, e) => console.error(m, e) });
  let services = await start();
  try {
    let site: { id: string; secret: string };
    let load = 0;
    if (kept) {
      site = await services.store.db
        .selectFrom('sites')
        .select(['id', 'secret'])
        .where('name', '=', 'bench')
        .executeTakeFirstOrThrow();
      console.log(`\n[${dialect}] data set kept from an earlier run`);
    } else {
      const created = await services.app.request('/api/admin/sites', {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'bench', origins: ['*'] }),
      });
      site = (await created.json()) as SiteWithSecret;
      console.log(`\n[${dialect}] loading ${SHAPE.activities.toLocaleString('en')} activities…`);
      const t0 = performance.now();
      await loadSocialData(
        services.store.db as unknown as Kysely<unknown>,
        services.store.kind,
        site.id,
        (m) => console.log(m),
      );
      load = (performance.now() - t0) / 1000;
      if (REUSE) {
        // A copy is taken of a closed database only.
        await services.close();
        if (dialect === 'postgres') await pgAdmin(`create database ${PG_TEMPLATE} template ${dbName}`);
        else copyFileSync(join(cwd, 'data', 'sharestack.db'), SQLITE_COPY);
        services = await start();
      }
    }
    const { app } = services;
    const token = (sub: string) =>
      new SignJWT({ name: sub })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(sub)
        .setExpirationTime('2h')
        .sign(new TextEncoder().encode(site.secret));
    const headers = async (sub: string) => ({
      'X-ShareStack-Site': site.id,
      Authorization: `Bearer ${await token(sub)}`,
      'Content-Type': 'application/json',
    });

    const viewer = await headers('viewer');
    const mover = await headers('mover');
    const status = (await (
      await app.request('/api/social/follow/viewer', { headers: viewer })
    ).json()) as FollowStatus;
    if (status.following_count !== SHAPE.followed)
      throw new Error(`viewer follows ${status.following_count}`);

    const timed = async (fn: () => Response | Promise<Response>) => {
      // A request reaches a server as an I/O event, so the event loop turns between requests and
      // the work a commit left (fan-out queue, notification worker) gets its turn. In process, on
      // SQLite (a synchronous driver, tokens verified once) a request is nothing but microtasks:
      // without this turn the queue never ran during the loop and all its work piled up.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const t = performance.now();
      const res = await fn();
      const body = await res.text();
      const elapsed = performance.now() - t;
      if (res.status >= 300) throw new Error(`${res.status} ${body}`);
      return { elapsed, body };
    };

    // Follow and unfollow a different non-celebrity author each time. Each follow queues a
    // backfill of up to 20 of the author's activities into the mover's inbox and the push of
    // the `followed` activity to the mover's 100 followers; each unfollow queues the removal of
    // that activity and the trim of the mover's inbox. The queue does that work after the
    // commit, interleaved with these requests (activity/fanout.ts).
    const follows: number[] = [];
    const unfollows: number[] = [];
    const backends = async () =>
      dialect === 'postgres'
        ? (
            await pgAdmin<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [dbName])
          ).map((r) => r.pid)
        : [];
    let cpu0 = process.cpuUsage();
    let pg0 = new Map<number, number>();
    const profiler = PROFILE_DIR ? new Session() : null;
    for (let i = 0; i < ITERATIONS + WARMUP; i++) {
      if (i === WARMUP) {
        if (profiler) {
          profiler.connect();
          await profiler.post('Profiler.enable');
          await profiler.post('Profiler.start');
        }
        pg0 = backendCpu(await backends());
        cpu0 = process.cpuUsage();
      }
      const target = `a${1 + ((i * 37) % (SHAPE.authors - 1))}`;
      const f = await timed(() =>
        app.request('/api/social/follow/', {
          method: 'POST',
          headers: mover,
          body: JSON.stringify({ user_id: target }),
        }),
      );
      const u = await timed(() =>
        app.request(`/api/social/follow/${target}/`, { method: 'DELETE', headers: mover }),
      );
      if (i >= WARMUP) {
        follows.push(f.elapsed);
        unfollows.push(u.elapsed);
      }
    }

    const used = process.cpuUsage(cpu0);
    const pg1 = backendCpu(await backends());
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      profiler.disconnect();
      const file = join(PROFILE_DIR!, `social-follow-${dialect}-${process.pid}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      console.log(`  CPU profile of the follow loop: ${file}`);
    }
    const pgSeconds = [...pg1].reduce((sum, [pid, s]) => sum + s - (pg0.get(pid) ?? 0), 0);

    // The inbox work (pushes, backfills, trims, removals) and the notifications run after each
    // commit, between requests: whatever is still queued is counted and drained here, so none
    // of it goes unseen.
    const count = async (table: 'activity_jobs' | 'notification_triggers') =>
      Number(
        (
          await services.store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const [jobs, triggers] = [await count('activity_jobs'), await count('notification_triggers')];
    const td = performance.now();
    await services.activity.settled();
    await services.notifications.worker.drain();
    const backlog = { jobs, triggers, drainMs: performance.now() - td };
    const usedDrained = process.cpuUsage(cpu0);
    const pg2 = backendCpu(await backends());
    const pgDrained = [...pg2].reduce((sum, [pid, s]) => sum + s - (pg0.get(pid) ?? 0), 0);
    const perPair = (micros: { user: number; system: number }) =>
      (micros.user + micros.system) / 1000 / ITERATIONS;
    const cpu = {
      node: perPair(used),
      pg: pg1.size > 0 ? (pgSeconds * 1000) / ITERATIONS : null,
      nodeDrained: perPair(usedDrained),
      pgDrained: pg2.size > 0 ? (pgDrained * 1000) / ITERATIONS : null,
    };

    // Feed: the first page (20 entries), and pages 2–5 reached by cursor.
    const first: number[] = [];
    const paged: number[] = [];
    let entries = 0;
    for (let i = 0; i < ITERATIONS + WARMUP; i++) {
      const r = await timed(() => app.request('/api/activity/feed/?limit=20', { headers: viewer }));
      const feed = JSON.parse(r.body) as Feed;
      if (i >= WARMUP) first.push(r.elapsed);
      entries = feed.items.length;
      if (i % 4 === 0) {
        let cursor = feed.next_cursor;
        for (let p = 0; p < 4 && cursor; p++) {
          const next = await timed(() =>
            app.request(`/api/activity/feed/?limit=20&cursor=${cursor}`, { headers: viewer }),
          );
          if (i >= WARMUP) paged.push(next.elapsed);
          cursor = (JSON.parse(next.body) as Feed).next_cursor;
        }
      }
    }
    return {
      dialect,
      load,
      follow: summarise(follows),
      unfollow: summarise(unfollows),
      feedFirst: summarise(first),
      feedPaged: summarise(paged),
      entries,
      backlog,
      cpu,
    };
  } finally {
    await services.close();
    await dropDb();
    rmSync(cwd, { recursive: true, force: true });
  }
}

const verdict = (v: number, target: number) => (v <= target ? `✓ ≤ ${target} ms` : `✗ > ${target} ms`);
console.log(
  `\nSocial bench — ${SHAPE.activities.toLocaleString('en')} activities by ${SHAPE.authors.toLocaleString('en')} authors; ` +
    `viewer follows ${SHAPE.followed} (${SHAPE.celebrities} with ≥ ${SHAPE.celebrityFollowers} followers, pulled); ` +
    `${ITERATIONS} measured calls each, in-process app.request, sequential; ${serverBuild}.`,
);
function report(r: Figures) {
  const load = loadavg();
  console.log(
    `\n[${r.dialect}] data set loaded in ${r.load.toFixed(1)} s; load average ${load.map((l) => l.toFixed(2)).join(' ')}`,
  );
  for (const [label, s, target] of [
    ['follow', r.follow, 5],
    ['unfollow', r.unfollow, 5],
    ['feed, first page', r.feedFirst, 20],
    ['feed, pages 2–5', r.feedPaged, 20],
  ] as const) {
    console.log(
      `  ${label.padEnd(18)} p50 ${ms(s.p50).padStart(9)}  p99 ${ms(s.p99).padStart(9)}  max ${ms(s.max).padStart(9)}  n=${s.n}  ${verdict(s.p99, target)}`,
    );
  }
  console.log(`  first page held ${r.entries} grouped entries`);
  console.log(
    `  fan-out queue after the follow loop: ${r.backlog.jobs} jobs left, ${r.backlog.triggers} notification triggers; drained in ${r.backlog.drainMs.toFixed(1)} ms`,
  );
  console.log(
    `  CPU per follow+unfollow: bench process ${r.cpu.node.toFixed(2)} ms` +
      (r.cpu.pg === null ? '' : `, PostgreSQL backends ${r.cpu.pg.toFixed(2)} ms`) +
      `; with the drain: ${r.cpu.nodeDrained.toFixed(2)} ms` +
      (r.cpu.pgDrained === null ? '' : `, ${r.cpu.pgDrained.toFixed(2)} ms`),
  );
}

for (const d of dialects) report(await run(d));
