/**
 * kill -9 in the middle of a notification burst, then restart on the same SQLite database (the
 * default deployment): every acknowledged notification is in the inboxes and every queued email
 * reaches the SMTP server. The server is the real CLI in its own process; the SMTP peer is
 * smtp-server, started here.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { SiteWithSecret } from '@sharestack/protocol';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, signWith } from './harness.js';
import { startSmtp } from './smtp.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const FOLLOWERS = 40;
const LEASE_MS = 2_000;

interface Proc {
  child: ChildProcess;
  url: string;
  log: string[];
}

function startServer(dataDir: string, smtpUrl: string): Promise<Proc> {
  // Node itself (tsx as a loader, not the tsx wrapper): SIGKILL must reach the server process.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      SMTP_URL: smtpUrl,
      SHARESTACK_ADMIN_KEY: ADMIN_KEY,
      SHARESTACK_NOTIFICATION_LEASE_MS: String(LEASE_MS),
      SHARESTACK_RATE_LIMITS: JSON.stringify({ follow: { user: [1e7, 60], ip: [1e7, 60] } }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      log.push(d.toString());
      const m = /listening on (http:\/\/\S+)/.exec(d.toString());
      if (m) resolve({ child, url: m[1]!, log });
    });
    child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${log.join('')}`)));
  });
}

describe('notifications survive kill -9 [sqlite, CLI process, real SMTP]', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ss-crash-'));
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let server: Proc | null = null;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged notification and sends every queued email', { timeout: 120_000 }, async () => {
    server = await startServer(dataDir, smtp.url);
    let base = server.url;
    const res = await fetch(`${base}/api/admin/sites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      // Creator updates by email, instantly, for everyone: each publish queues FOLLOWERS emails.
      body: JSON.stringify({
        name: 'Crash site',
        origins: ['*'],
        settings: { notification_defaults: { types: { content_update: { email: true } } } },
      }),
    });
    const site = (await res.json()) as SiteWithSecret;
    const call = async (user: string, method: string, path: string, body?: unknown) => {
      const token = await signWith(site.secret, user, { email: `${user}@mail.test` });
      return fetch(`${base}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          'x-sharestack-site': site.id,
          authorization: `Bearer ${token}`,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    };
    expect(
      (await call('star', 'POST', '/api/activity/privacy/', { profile_visibility: 'public' })).status,
    ).toBe(200);
    const fans = Array.from({ length: FOLLOWERS }, (_, i) => `fan${i}`);
    for (const fan of fans)
      expect((await call(fan, 'POST', '/api/social/follow/', { user_id: 'star' })).status).toBe(200);

    // The burst: publishes one after another; SIGKILL once a few are acknowledged.
    const acked: string[] = [];
    let killedAt = -1;
    let receivedAtKill = 0;
    for (let i = 0; i < 40; i++) {
      try {
        const r = await call('star', 'POST', '/api/activity/publish/', {
          content_id: `c${i}`,
          content_title: `Post ${i}`,
        });
        if (r.status === 201) acked.push(`c${i}`);
      } catch {
        // The server is gone: not acknowledged.
      }
      if (acked.length === 12 && killedAt < 0) {
        receivedAtKill = smtp.received.length;
        killedAt = i;
        server.child.kill('SIGKILL');
        await new Promise((r) => server!.child.once('exit', r));
      }
    }
    expect(killedAt).toBeGreaterThan(0);
    // The kill interrupted work: emails of acknowledged publishes were still queued.
    expect(receivedAtKill).toBeLessThan(acked.length * FOLLOWERS);

    server = await startServer(dataDir, smtp.url);
    base = server.url;
    const db = new Database(join(dataDir, 'sharestack.db'), { readonly: true });
    try {
      const pending = () =>
        db
          .prepare(
            `SELECT (SELECT COUNT(*) FROM notification_triggers) +
                    (SELECT COUNT(*) FROM notification_deliveries WHERE status = 'pending') AS n`,
          )
          .get() as { n: number };
      const deadline = Date.now() + 60_000;
      while (pending().n > 0 && Date.now() < deadline) await sleep(200);
      expect(pending().n).toBe(0);

      // Every acknowledged publish reached every follower's inbox, once.
      for (const content of acked) {
        const rows = db
          .prepare(
            `SELECT user_id FROM notifications
             WHERE site_id = ? AND notification_type = 'content_update' AND target_id = ?`,
          )
          .all(site.id, content) as Array<{ user_id: string }>;
        expect(rows.map((r) => r.user_id).sort(), content).toEqual([...fans].sort());
      }
      // And the inbox API shows them.
      const inbox = (await (
        await call('fan7', 'GET', '/api/notifications/?limit=100&type=content_update')
      ).json()) as {
        items: Array<{ content_id: string }>;
      };
      for (const content of acked) expect(inbox.items.map((i) => i.content_id)).toContain(content);

      // Every queued email was sent, and each reached the SMTP server.
      const deliveries = db
        .prepare(
          `SELECT status, message_id FROM notification_deliveries WHERE site_id = ? AND channel = 'email'`,
        )
        .all(site.id) as Array<{ status: string; message_id: string | null }>;
      expect(deliveries.length).toBeGreaterThanOrEqual(acked.length * FOLLOWERS);
      expect(new Set(deliveries.map((d) => d.status))).toEqual(new Set(['sent']));
      const received = new Map<string, number>();
      for (const m of smtp.received) {
        const id = /^Message-ID:\s*(<[^>]+>)/im.exec(m.raw)?.[1];
        if (id) received.set(id, (received.get(id) ?? 0) + 1);
      }
      const copies = deliveries.map((d) => received.get(d.message_id!) ?? 0);
      expect(copies.filter((n) => n === 0)).toEqual([]);
      // Exactly once, except that the one email on the wire when the process died may be sent
      // again (SMTP accepted it, the process died before recording that): it carries the same
      // Message-ID, which mailboxes use to show it once.
      const extra = copies.reduce((a, n) => a + n - 1, 0);
      expect(extra).toBeLessThanOrEqual(1);
      expect(smtp.received.length).toBe(deliveries.length + extra);
      console.info(
        `kill -9 after ${acked.length} acknowledged publishes (${receivedAtKill} of ${acked.length * FOLLOWERS} emails out): ` +
          `after restart ${deliveries.length} emails sent, ${extra} sent twice`,
      );
    } finally {
      db.close();
    }
  });
});
