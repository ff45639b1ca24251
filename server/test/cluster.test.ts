/**
 * Two real server processes sharing PostgreSQL and a Redis bus, as a deployment behind a load
 * balancer runs them. Redis is a server this test starts (and kills, and starts again).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { type Comment, Topic } from '@sharestack/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from './dialects.js';
import { ADMIN_KEY, signWith } from './harness.js';
import { signedIn, subscribed, type TestSocket } from './ws-client.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const requireServices = process.env.SHARESTACK_REQUIRE_SERVICES === '1';
const postgres = dialects.find((d) => d.name === 'postgres')!;
const redisBinary = spawnSync('redis-server', ['--version']).status === 0;
const skip = postgres.skip ?? (redisBinary ? null : 'redis-server is not installed');
if (skip) {
  if (requireServices) throw new Error(`cluster test: ${skip}; SHARESTACK_REQUIRE_SERVICES=1 requires it.`);
  console.warn(`\n⚠ cluster test SKIPPED: ${skip}\n`);
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
  });
}

interface Proc {
  child: ChildProcess;
  url: string;
  log: string[];
}

function startServer(env: Record<string, string>): Promise<Proc> {
  const child = spawn(join(serverDir, 'node_modules/.bin/tsx'), ['src/cli.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SHARESTACK_ADMIN_KEY: ADMIN_KEY,
      // The writers below post hundreds of comments from one address.
      SHARESTACK_RATE_LIMITS: JSON.stringify({ comment: { user: [1e7, 60], ip: [1e7, 60] } }),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      log.push(d.toString());
      const m = /listening on (http:\/\/[^\s]+)/.exec(d.toString());
      if (m) resolve({ child, url: m[1]!, log });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${log.join('')}`)));
  });
}

/**
 * A client that does what the SDK does: on every drop it reconnects (to either process) and
 * resubscribes with `since` = the last id it saw, and it drops ids it has already seen.
 */
class ResumingClient {
  seen: string[] = [];
  duplicates = 0;
  last = '0';
  resets = 0;
  private socket: TestSocket | null = null;
  private stopped = false;
  constructor(
    private readonly urls: string[],
    private readonly site: string,
    private readonly topic: string,
    private turn: number,
  ) {}

  async start() {
    const url = this.urls[this.turn++ % this.urls.length]!;
    const s = await signedIn(url, this.site, null);
    this.socket = s;
    s.ws.on('message', (raw) => {
      const m = JSON.parse(raw.toString()) as {
        type: string;
        id?: string | null;
        event?: string;
        data?: unknown;
      };
      if (m.type === 'reset') this.resets++;
      if (m.type !== 'event' || m.id === null || m.id === undefined) return;
      if (Number(m.id) <= Number(this.last)) {
        this.duplicates++;
        return;
      }
      this.last = m.id;
      if (m.event === 'new_comment') this.seen.push((m.data as { comment: Comment }).comment.id);
    });
    s.ws.on('close', () => {
      if (!this.stopped)
        setTimeout(() => void this.start().catch(() => this.retry()), 20 + Math.random() * 100);
    });
    await subscribed(s, this.topic, this.last);
  }

  private retry() {
    if (!this.stopped) setTimeout(() => void this.start().catch(() => this.retry()), 100);
  }

  drop() {
    this.socket?.ws.terminate();
  }

  stop() {
    this.stopped = true;
    this.socket?.ws.close();
  }
}

describe.skipIf(skip !== null)('real-time across two server processes (PostgreSQL + Redis)', () => {
  let db: Awaited<ReturnType<typeof postgres.open>>;
  let redisPort: number;
  let redis: ChildProcess;
  let a: Proc;
  let b: Proc;
  let site: { id: string; secret: string };

  beforeAll(async () => {
    db = await postgres.open();
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    const env = {
      DATABASE_URL: (db.target as { url: string }).url,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    };
    // One after the other: both would run the migrations at once otherwise.
    a = await startServer(env);
    b = await startServer(env);
    const res = await fetch(`${a.url}/api/admin/sites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'cluster', origins: ['*'] }),
    });
    expect(res.status).toBe(201);
    site = (await res.json()) as { id: string; secret: string };
  }, 60_000);

  afterAll(async () => {
    for (const p of [a, b]) p?.child.kill('SIGTERM');
    await Promise.all(
      [a, b]
        .filter(Boolean)
        .map((p) => new Promise((r) => (p.child.exitCode !== null ? r(null) : p.child.once('exit', r)))),
    );
    redis?.kill('SIGKILL');
    await db?.cleanup();
  }, 30_000);

  const post = async (base: string, user: string, content: string, text: string) => {
    const res = await fetch(`${base}/api/comments/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-sharestack-site': site.id,
        // Moderators skip the moderation pipeline, which would hold look-alike stream comments.
        authorization: `Bearer ${await signWith(site.secret, user, { roles: ['moderator'] })}`,
      },
      body: JSON.stringify({ content_id: content, comment_text: text }),
    });
    if (res.status !== 201) throw new Error(`post ${res.status}: ${await res.text()}`);
    return (await res.json()) as Comment;
  };

  it('delivers a write on one process to sockets on the other, and counts presence across both', async () => {
    const topic = Topic.comments('cross');
    const onA = await signedIn(a.url, site.id, await signWith(site.secret, 'ann', { name: 'Ann' }));
    const onB = await signedIn(b.url, site.id, await signWith(site.secret, 'bob', { name: 'Bob' }));
    await subscribed(onA, topic);
    await subscribed(onB, topic);
    const c1 = await post(a.url, 'ann', 'cross', 'written on A');
    const c2 = await post(b.url, 'bob', 'cross', 'written on B');
    for (const s of [onA, onB]) {
      await s.next('event', (m) => m.id === '2');
      expect(s.events(topic, 'new_comment').map((e) => (e.data as { comment: Comment }).comment.id)).toEqual([
        c1.id,
        c2.id,
      ]);
      await s.next(
        'event',
        (m) => m.event === 'presence' && (m.data as { count: number }).count === 2,
        15_000,
      );
    }
    onA.send({ type: 'typing', topic });
    expect(await onB.next('event', (m) => m.event === 'typing')).toMatchObject({
      data: { user: { name: 'Ann' } },
    });
    onA.close();
    onB.close();
  }, 30_000);

  it('loses and repeats nothing when sockets drop and Redis restarts in the middle of a stream', async () => {
    const topic = Topic.comments('stream');
    const clients = Array.from(
      { length: 6 },
      (_, i) => new ResumingClient([a.url, b.url], site.id, topic, i),
    );
    await Promise.all(clients.map((c) => c.start()));

    const total = 240;
    const ids: string[] = [];
    let written = 0;
    const writer = async (w: number) => {
      while (written < total) {
        const n = written++;
        const c = await post(n % 2 === 0 ? a.url : b.url, `writer${w}`, 'stream', `event ${n}`);
        ids.push(c.id);
        if (n === 60 || n === 61) for (const client of clients.slice(0, 3)) client.drop();
        if (n === 100) redis.kill('SIGKILL');
        if (n === 140) redis = await startRedis(redisPort);
        if (n === 180) for (const client of clients.slice(3)) client.drop();
        await sleep(2);
      }
    };
    await Promise.all([writer(0), writer(1), writer(2)]);
    expect(ids).toHaveLength(total);

    const deadline = Date.now() + 30_000;
    while (clients.some((c) => c.seen.length < total) && Date.now() < deadline) await sleep(100);
    for (const c of clients) c.stop();
    const want = [...ids].sort();
    for (const c of clients) {
      expect(c.resets).toBe(0);
      expect([...c.seen].sort()).toEqual(want);
      expect(new Set(c.seen).size).toBe(total);
      expect(c.last).toBe(String(total));
    }
    // The server itself never sent a socket an event twice.
    expect(clients.reduce((n, c) => n + c.duplicates, 0)).toBe(0);
    expect(a.log.join('') + b.log.join('')).toContain('Redis subscriber reconnected');
  }, 90_000);
});
