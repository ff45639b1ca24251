/**
 * `pnpm --filter @sharestack/bench bench:notify-floor` — what SQLite alone costs for the rows a
 * notification fan-out writes per recipient (issue 5's floor), with nothing else: no recipient
 * checks, no reads, no events, no sockets, no server. 3,000,000 notifications a minute on the
 * server's one thread leave 20 µs for everything a notification costs; this prints how much of
 * that the writes alone take, table by table and together.
 *
 * The schema is the server's own (its migrations, on a fresh file); the rows, their widths, the
 * step (100 recipients a statement) and the page (2,000 a transaction) are those the worker
 * writes (notifications/persist.ts, realtime/journal.ts, notifications/worker.ts), with the
 * pragmas the server sets. WAL checkpoints are left out, as the server does them on another
 * thread (store/checkpointer.ts).
 *
 *   RECIPIENTS=200000 pnpm --filter @sharestack/bench run bench:notify-floor
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { server } from './server.js';

const RECIPIENTS = Number(process.env.RECIPIENTS ?? 100_000);
const FOLLOWERS = 50_000;
const STEP = 100;
const PAGE = 2_000;
const SITE = 'site_floor_000001';

type Table = 'notification_groups' | 'notifications' | 'realtime_events';

/** One recipient's row of each table, in the columns persist.ts and journal.ts write. */
const COLUMNS: Record<Table, readonly string[]> = {
  notification_groups: server.GROUP_COLUMNS,
  notifications: server.NOTIFICATION_COLUMNS,
  realtime_events: server.JOURNAL_COLUMNS,
};

async function freshDatabase(): Promise<{ db: SQLite.Database; done: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'ss-notify-floor-'));
  const file = join(dir, 'floor.db');
  const store = await server.openStore({ kind: 'sqlite', file });
  await store.close();
  const db = new SQLite(file);
  // As store/database.ts sets them, but with checkpoints off (the server's run on another thread).
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.pragma('wal_autocheckpoint = 0');
  db.prepare(
    `INSERT INTO sites (id, name, secret, origins, settings, created_at) VALUES (?, 'floor', 'x', '[]', '{}', ?)`,
  ).run(SITE, new Date().toISOString());
  return {
    db,
    done: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes RECIPIENTS recipients' rows of `tables`; returns CPU µs per recipient. */
async function measure(tables: Table[]): Promise<number> {
  const { db, done } = await freshDatabase();
  try {
    const insert = Object.fromEntries(
      tables.map((t) => {
        const one = `(${COLUMNS[t].map(() => '?').join(', ')})`;
        const returning = t === 'notification_groups' ? ' RETURNING id' : '';
        return [
          t,
          db.prepare(
            `INSERT INTO ${t} (${COLUMNS[t].join(', ')}) VALUES ${Array(STEP).fill(one).join(', ')}${returning}`,
          ),
        ];
      }),
    ) as Record<Table, SQLite.Statement>;
    const users = Array.from({ length: FOLLOWERS }, (_, i) => `u${String(i).padStart(7, '0')}`);
    const seq = new Map<string, number>();
    let groupIds = Array.from({ length: STEP }, (_, i) => i + 1);
    const page = db.transaction((from: number, content: number) => {
      const now = new Date().toISOString();
      const target = `c${content}`;
      for (let at = from; at < from + PAGE; at += STEP) {
        const step = users.slice(at % FOLLOWERS, (at % FOLLOWERS) + STEP);
        if (insert.notification_groups) {
          const values = step.flatMap((u) => [
            SITE,
            u,
            'creator_update',
            `creator_update|content:${target}`,
            'content',
            target,
            target,
            `https://example.com/posts/${content}`,
            'The first lines of the new post, as the creator wrote them: about a hundred characters',
            'creator',
            1,
            now,
            now,
          ]);
          groupIds = (insert.notification_groups.all(values) as Array<{ id: number }>).map((r) => r.id);
        }
        if (insert.notifications) {
          const values = step.flatMap((u, i) => [
            SITE,
            u,
            'creator',
            'creator_update',
            'content',
            target,
            'Creator published “The new post”',
            now,
            tables.includes('notification_groups') ? groupIds[i]! : null,
            `creator_update|creator|content:${target}`,
          ]);
          insert.notifications.run(values);
        }
        if (insert.realtime_events) {
          const values = step.flatMap((u, i) => {
            const topic = `notifications:user:${u}`;
            const next = (seq.get(topic) ?? 0) + 1;
            seq.set(topic, next);
            const data = JSON.stringify({ replay: 'notification', id: String(groupIds[i]), unread: next });
            return [SITE, topic, next, 'notification.created', 'creator', data, now];
          });
          insert.realtime_events.run(values);
        }
      }
    });
    const cpu = process.cpuUsage();
    for (let done = 0; done < RECIPIENTS; done += PAGE) page(done, Math.floor(done / FOLLOWERS));
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / RECIPIENTS;
  } finally {
    done();
  }
}

console.log(
  `bench/notify-floor: the rows of ${RECIPIENTS.toLocaleString('en')} recipients, ${STEP} a statement, ${PAGE} a transaction, SQLite (better-sqlite3, main thread CPU)`,
);
const rows: Array<[string, Table[]]> = [
  ['inbox item (notification_groups)', ['notification_groups']],
  ['notification (notifications)', ['notifications']],
  ['socket event (realtime_events)', ['realtime_events']],
  ['all three, as a fan-out writes them', ['notification_groups', 'notifications', 'realtime_events']],
];
for (const [label, tables] of rows) {
  const us = await measure(tables);
  console.log(`  ${label.padEnd(38)} ${us.toFixed(1).padStart(5)} µs per recipient`);
}
console.log('  budget at 3,000,000 per minute on one thread: 20.0 µs per notification, for everything');
