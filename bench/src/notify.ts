/**
 * `pnpm --filter @sharestack/bench bench:notify` — notification throughput and latency (run by
 * hand; the figures go on the issue).
 *
 *  1. A creator with FOLLOWERS followers (loaded with set-based SQL) publishes CONTENTS pieces of
 *     content, one after another over HTTP. Each publish is one trigger; the worker fans it out
 *     in pages (one transaction per page: inbox items, notification rows, journaled socket
 *     events), so this measures notifications persisted and fanned out per minute, batched.
 *     SOCKETS of the followers listen on their `notifications:user:{id}` topic.
 *     BACKLOG: unread inbox items each follower has already (each recipient's event carries
 *     their unread count).
 *  2. While that runs, PROBES users follow a probe user one every PROBE_MS; the time from sending
 *     each follow to the probe's socket receiving `new_follower` is the trigger → socket latency.
 *
 * The server is the built CLI on SQLite in its own process; clients share the same 2 cores.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { type SiteWithSecret, Topic } from '@sharestack/protocol';
import { SignJWT } from 'jose';
import { sql } from 'kysely';
import WebSocket from 'ws';
import { ms, summarise } from './stats.js';

const root = resolve(import.meta.dirname, '../..');
/** SERVER_CLI: another build to measure (a base to compare with), the same bench driving it. */
const cli = process.env.SERVER_CLI ?? join(root, 'server/dist/cli.js');
// The bench writes its data set with the store of the build it drives, so both agree on the
// schema (a base build's migrations, not those of the sources beside this bench).
const { openStore } = (await import(
  pathToFileURL(join(dirname(cli), 'index.js')).href
)) as typeof import('@sharestack/server');
const FOLLOWERS = Number(process.env.FOLLOWERS ?? 50_000);
/** Unread inbox items each follower already has (older notifications nobody read). */
const BACKLOG = Number(process.env.BACKLOG ?? 0);
const CONTENTS = Number(process.env.CONTENTS ?? 10);
const SOCKETS = Math.min(FOLLOWERS, Number(process.env.SOCKETS ?? 1_000));
const PROBES = Number(process.env.PROBES ?? 200);
const PROBE_MS = Number(process.env.PROBE_MS ?? 50);
const ADMIN_KEY = 'bench-notify-admin-key-000';
const now = () => performance.timeOrigin + performance.now();

async function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const nodeArgs = process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, cli], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      SHARESTACK_ADMIN_KEY: ADMIN_KEY,
      SHARESTACK_RATE_LIMITS: JSON.stringify({
        follow: { user: [1e7, 60], ip: [1e7, 60] },
        ws_message: { user: [1e7, 60], ip: [1e7, 60] },
      }),
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

/** CPU seconds (user + system, all threads) the process has used: load-independent, unlike wall time. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

const token = (site: SiteWithSecret, sub: string) =>
  new SignJWT({ name: `User ${sub}` })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(site.secret));

async function api(
  base: string,
  site: SiteWithSecret,
  tok: string,
  method: string,
  path: string,
  body?: unknown,
) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      'x-sharestack-site': site.id,
      authorization: `Bearer ${tok}`,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A socket signed in as `user`, subscribed to its notifications; calls `onEvent` per event. */
async function listen(base: string, site: SiteWithSecret, user: string, onEvent: (event: string) => void) {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/ws?site=${site.id}`);
  await new Promise((r, j) => {
    ws.once('open', r);
    ws.once('error', j);
  });
  ws.send(JSON.stringify({ type: 'auth', token: await token(site, user) }));
  const ready = new Promise<void>((r) => {
    ws.on('message', (raw) => {
      const m = JSON.parse(raw.toString()) as { type: string; event?: string };
      if (m.type === 'welcome')
        ws.send(JSON.stringify({ type: 'subscribe', topic: Topic.notifications(user) }));
      else if (m.type === 'subscribed') r();
      else if (m.type === 'event') onEvent(m.event!);
    });
  });
  await ready;
  return ws;
}

const dir = mkdtempSync(join(tmpdir(), 'ss-bench-notify-'));
let server: Awaited<ReturnType<typeof startServer>> | null = null;
try {
  console.log(`bench/notify: ${FOLLOWERS} followers × ${CONTENTS} contents, ${SOCKETS} sockets, SQLite`);
  server = await startServer(dir);
  const base = server.url;
  const siteRes = await fetch(`${base}/api/admin/sites`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench', origins: ['*'] }),
  });
  const site = (await siteRes.json()) as SiteWithSecret;
  const star = await token(site, 'star');
  await api(base, site, star, 'POST', '/api/activity/privacy/', { profile_visibility: 'public' });

  // Followers straight into the database (the server keeps running: SQLite WAL, one writer at a time).
  const store = await openStore({ kind: 'sqlite', file: join(dir, 'sharestack.db') });
  const t0 = performance.now();
  const seq = sql.raw(
    `(WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${FOLLOWERS - 1}) SELECT i FROM s)`,
  );
  const at = new Date().toISOString();
  await sql`INSERT INTO users (site_id, id, name, avatar_url, is_guest, created_at, updated_at)
    SELECT ${site.id}, 'f' || i, 'Follower ' || i, NULL, 0, ${at}, ${at} FROM ${seq}`.execute(store.db);
  // Followed in random order, as on a real site: follow ids say nothing of who the followers are.
  await sql`INSERT INTO follows (site_id, follower_id, following_id, created_at)
    SELECT ${site.id}, 'f' || i, 'star', ${at} FROM ${seq} ORDER BY random()`.execute(store.db);
  await sql`UPDATE users SET follower_count = ${FOLLOWERS} WHERE site_id = ${site.id} AND id = 'star'`.execute(
    store.db,
  );
  if (BACKLOG > 0) {
    const items = sql.raw(
      `(WITH RECURSIVE b(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM b WHERE k < ${BACKLOG - 1}) SELECT k FROM b)`,
    );
    await sql`INSERT INTO notification_groups (site_id, user_id, notification_type, group_key, target_type,
        target_id, actor_id, count, created_at, updated_at)
      SELECT ${site.id}, 'f' || i, 'like', 'old:' || k, 'comment', 'c' || k, 'someone', 1, ${at}, ${at}
      FROM ${seq} CROSS JOIN ${items}`.execute(store.db);
  }
  console.log(
    `  loaded ${FOLLOWERS} followers${BACKLOG > 0 ? ` with ${BACKLOG} unread items each` : ''} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  let delivered = 0;
  const sockets: WebSocket[] = [];
  for (let i = 0; i < SOCKETS; i += 100) {
    sockets.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(100, SOCKETS - i) }, (_, k) =>
          listen(base, site, `f${i + k}`, () => {
            delivered++;
          }),
        ),
      )),
    );
  }
  const probeSent = new Map<number, number>();
  const latencies: number[] = [];
  const acks: number[] = [];
  let probeSeen = 0;
  await api(base, site, await token(site, 'probe'), 'POST', '/api/activity/privacy/', {
    profile_visibility: 'public',
  });
  const probe = await listen(base, site, 'probe', (event) => {
    if (event !== 'new_follower') return;
    const sent = probeSent.get(probeSeen++);
    if (sent !== undefined) latencies.push(now() - sent);
  });
  const pingers = await Promise.all(Array.from({ length: PROBES }, (_, i) => token(site, `p${i}`)));
  for (const [i, t] of pingers.entries()) {
    await api(base, site, t, 'POST', '/api/activity/privacy/', { profile_visibility: 'public' });
    void i;
  }
  console.log(`  ${SOCKETS} follower sockets and the probe socket subscribed`);

  // Counted incrementally (rows are committed in id order by the one writer), so polling the
  // count stays cheap and does not load the machine the server runs on. NOT INDEXED keeps SQLite
  // on the rowid range: with `site_id = ?` it would otherwise pick an index led by site_id and
  // walk every notification of the site on each poll (18 ms per poll at 200,000 rows, time in
  // which this process, the one measuring latency, could not read its probe socket).
  let counted = 0;
  let countedTo = 0;
  const count = async () => {
    const top = Number(
      (await sql<{ m: number | null }>`SELECT MAX(id) AS m FROM notifications`.execute(store.db)).rows[0]!
        .m ?? 0,
    );
    const { n } = (
      await sql<{
        n: number;
      }>`SELECT COUNT(*) AS n FROM notifications NOT INDEXED WHERE id > ${countedTo} AND id <= ${top} AND site_id = ${site.id} AND notification_type = 'content_update'`.execute(
        store.db,
      )
    ).rows[0]!;
    counted += Number(n);
    countedTo = top;
    return counted;
  };
  const expected = FOLLOWERS * CONTENTS;
  const cpuAtStart = cpuSeconds(server.child.pid!);
  const start = now();
  // The probe runs alongside: a new follower of the probe user every PROBE_MS.
  const probing = (async () => {
    for (let i = 0; i < PROBES; i++) {
      const sent = now();
      probeSent.set(i, sent);
      await api(base, site, pingers[i]!, 'POST', '/api/social/follow/', { user_id: 'probe' });
      acks.push(now() - sent);
      await sleep(PROBE_MS);
    }
  })();
  for (let c = 0; c < CONTENTS; c++) {
    await api(base, site, star, 'POST', '/api/activity/publish/', {
      content_id: `launch-${c}`,
      content_title: `Launch ${c}`,
    });
  }
  const published = now();
  let persisted = 0;
  let lastLog = now();
  while (persisted < expected) {
    await sleep(100);
    persisted = await count();
    if (now() - lastLog > 5_000) {
      console.log(`  … ${persisted} of ${expected} persisted after ${((now() - start) / 1000).toFixed(1)} s`);
      lastLog = now();
    }
    if (now() - start > 30 * 60_000) throw new Error('gave up after 30 minutes');
  }
  const persistedAt = now();
  const cpuUsed = cpuSeconds(server.child.pid!) - cpuAtStart;
  while (delivered < SOCKETS * CONTENTS && now() - persistedAt < 30_000) await sleep(20);
  const fannedAt = now();
  await probing;
  while (probeSeen < PROBES && now() - fannedAt < 10_000) await sleep(20);

  const seconds = (persistedAt - start) / 1000;
  console.log(`\n  publishes sent in ${((published - start) / 1000).toFixed(2)} s`);
  console.log(
    `  ${expected.toLocaleString('en')} notifications persisted in ${seconds.toFixed(2)} s → ${Math.round(
      (expected / seconds) * 60,
    ).toLocaleString('en')} per minute (target ≥ 3,000,000/min)`,
  );
  console.log(
    `  server CPU meanwhile ${cpuUsed.toFixed(2)} s → ${((cpuUsed / expected) * 1e6).toFixed(1)} µs per notification` +
      ` (${Math.round((expected / cpuUsed) * 60).toLocaleString('en')} per minute of one core)`,
  );
  console.log(
    `  socket deliveries to the ${SOCKETS} listening followers: ${delivered} of ${SOCKETS * CONTENTS}, last ${(
      (fannedAt - start) / 1000
    ).toFixed(2)} s after the first publish`,
  );
  const s = summarise(latencies);
  console.log(
    `  trigger → socket latency while the fan-out ran (${s.n} of ${PROBES} follows): p50 ${ms(s.p50)}, p99 ${ms(
      s.p99,
    )}, max ${ms(s.max)} (target p99 ≤ 50 ms)`,
  );
  const a = summarise(acks);
  console.log(`  of which the follow request itself (sent → response): p50 ${ms(a.p50)}, p99 ${ms(a.p99)}`);
  for (const ws of [...sockets, probe]) ws.close();
  await store.close();
} finally {
  if (server) {
    server.child.kill('SIGTERM');
    if (server.child.exitCode === null) await new Promise((r) => server!.child.once('exit', r));
  }
  rmSync(dir, { recursive: true, force: true });
}
