/**
 * Social benchmark (issue 4): follow/unfollow latency and personalised-feed latency for a user
 * following 1,000 accounts over 1,000,000 activities, on SQLite and on PostgreSQL. The data set
 * is bulk-loaded (see social-data.ts); every measured call goes through the full app
 * (`app.request`: tenancy, JWT verification, validation, service, serialisation), one at a
 * time, timed from request to parsed response.
 *
 *   pnpm --filter @sharestack/bench run bench:social          # both dialects
 *   BENCH_DIALECTS=sqlite BENCH_ITERATIONS=300 pnpm --filter @sharestack/bench run bench:social
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feed, FollowStatus, SiteWithSecret } from '@sharestack/protocol';
import { loadConfig, startServices } from '@sharestack/server';
import { SignJWT } from 'jose';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { loadSocialData, SHAPE } from './social-data.js';
import { ms, summarise } from './stats.js';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 1000);
const WARMUP = 50;
const PG_CANDIDATES = process.env.BENCH_PG_URL
  ? [process.env.BENCH_PG_URL]
  : ['postgres://127.0.0.1:5432/test', 'postgres://postgres@127.0.0.1:5432/test'];
let PG_URL = PG_CANDIDATES[0]!;
const ADMIN_KEY = 'bench-admin-key-000';
const dialects = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',');

interface Figures {
  dialect: string;
  load: number;
  follow: ReturnType<typeof summarise>;
  unfollow: ReturnType<typeof summarise>;
  feedFirst: ReturnType<typeof summarise>;
  feedPaged: ReturnType<typeof summarise>;
  entries: number;
  /** Inbox work the follows left queued when the loop ended, and how long it took to finish. */
  backlog: { jobs: number; drainMs: number };
}

/** The first candidate URL that accepts a connection (the user may have to be named). */
async function pickPgUrl() {
  for (const url of PG_CANDIDATES) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      PG_URL = url;
      return;
    } catch {
      // try the next
    } finally {
      await client.end().catch(() => {});
    }
  }
  throw new Error(`PostgreSQL unreachable at ${PG_CANDIDATES.join(', ')}`);
}

async function pgAdmin(sqlText: string) {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

async function run(dialect: string): Promise<Figures> {
  const cwd = mkdtempSync(join(tmpdir(), 'ss-bench-social-'));
  let databaseUrl: string | undefined;
  let dropDb = async () => {};
  if (dialect === 'postgres') {
    await pickPgUrl();
    const name = `ss_bench_social_${process.pid}`;
    await pgAdmin(`drop database if exists ${name}`);
    await pgAdmin(`create database ${name}`);
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDb = () => pgAdmin(`drop database if exists ${name} with (force)`);
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
  const services = await startServices(config, { info: () => {}, error: (m, e) => console.error(m, e) });
  try {
    const { app } = services;
    const created = await app.request('/api/admin/sites', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'bench', origins: ['*'] }),
    });
    const site = (await created.json()) as SiteWithSecret;
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

    console.log(`\n[${dialect}] loading ${SHAPE.activities.toLocaleString('en')} activities…`);
    const t0 = performance.now();
    await loadSocialData(services.store.db as unknown as Kysely<unknown>, services.store.kind, site.id, (m) =>
      console.log(m),
    );
    const load = (performance.now() - t0) / 1000;

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
    for (let i = 0; i < ITERATIONS + WARMUP; i++) {
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

    // The inbox work (pushes, backfills, trims, removals) runs after each commit, between
    // requests: whatever is still queued is counted and drained here, so none of it goes unseen.
    const queued = await services.store.db
      .selectFrom('activity_jobs')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const td = performance.now();
    await services.activity.settled();
    const backlog = { jobs: Number(queued.n), drainMs: performance.now() - td };

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
    `${ITERATIONS} measured calls each, in-process app.request, sequential.`,
);
function report(r: Figures) {
  console.log(`\n[${r.dialect}] data set loaded in ${r.load.toFixed(1)} s`);
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
    `  fan-out queue after the follow loop: ${r.backlog.jobs} jobs left, drained in ${r.backlog.drainMs.toFixed(1)} ms`,
  );
}

for (const d of dialects) report(await run(d));
