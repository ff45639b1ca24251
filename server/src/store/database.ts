import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect } from 'kysely';
import { parse as parseConnectionString } from 'pg-connection-string';
import { BACKSTOP_PAGES, startCheckpointer } from './checkpointer.js';
import { runStraightInTransactions } from './direct.js';
import { migrate } from './migrations.js';
import { pipelined } from './pipeline.js';
import { reusingPlans } from './plans.js';
import type { Database } from './schema.js';
import { countingWaiters } from './waiters.js';

export type DialectKind = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  /** PGlite speaks PostgreSQL, so it is `postgres` here. */
  kind: DialectKind;
  /** Human-readable description of where the data lives (no credentials). */
  describe: string;
  /**
   * How many queries and transactions are waiting for the one connection right now (SQLite,
   * PGlite; see waiters.ts); absent where connections are pooled (PostgreSQL).
   */
  waiting?: () => number;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir: string | null };

/** Opens the database and brings its schema up to date. */
export async function openStore(target: DatabaseTarget): Promise<Store> {
  const store = await connect(target);
  try {
    await migrate(store.db as Kysely<unknown>, store.kind);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

/**
 * Kysely prepares every query afresh; better-sqlite3 statements can be reused, and preparing
 * was the largest single cost of a cached thread read. Queries are built from a fixed set of
 * shapes (values are bound parameters), so the cache stays small; the bound is a safety net.
 */
function reusingStatements(sqlite: BetterSqlite3.Database, max = 500): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (statements.size >= max) statements.clear();
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

async function connect(target: DatabaseTarget): Promise<Store> {
  if (target.kind === 'sqlite') {
    const { default: SQLite } = await import('better-sqlite3');
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    const sqlite = new SQLite(target.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('cache_size = -65536');
    const statements = reusingStatements(sqlite);
    const { dialect, waiting } = countingWaiters(new SqliteDialect({ database: statements }));
    const db = new Kysely<Database>({
      dialect,
      ...(process.env.SHARESTACK_QUERY_PROFILE ? { log: profileQueries } : {}),
    });
    // Profiling times statements as Kysely runs them: all of them go that way then.
    if (!process.env.SHARESTACK_QUERY_PROFILE) runStraightInTransactions(db, statements);
    if (target.file === ':memory:') {
      return { db, kind: 'sqlite', describe: 'sqlite::memory:', waiting, close: () => db.destroy() };
    }
    // Checkpoints run in a worker thread (see checkpointer.ts); this connection only as a backstop.
    sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    const checkpointer = startCheckpointer(target.file, {
      onError: (message) => console.error(`SQLite checkpoint failed: ${message}`),
    });
    return {
      db,
      kind: 'sqlite',
      describe: `sqlite:${target.file}`,
      waiting,
      async close() {
        await checkpointer.stop();
        await db.destroy();
      },
    };
  }
  if (target.kind === 'postgres') {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({
      connectionString: target.url,
      max: 10,
      // Statements go out without waiting for the answer to the one before (see pipeline.ts).
      pipeline: true,
      // No JIT: it compiles a short query whose cost the planner overestimates for hundreds of
      // milliseconds (the feed's first page: 0.9 ms without, ~400 ms with).
      options: '-c jit=off',
      // 64-bit ids and counts fit in a double for any realistic deployment; numbers keep
      // rows identical across dialects.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === 20
            ? (v: string) => Number(v)
            : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle client can lose its connection (server restart, admin kill); without a listener
    // that error would take the whole process down. The pool replaces the client on next use.
    pool.on('error', (err) => console.error('PostgreSQL idle client error:', err.message));
    const db = new Kysely<Database>({
      dialect: pipelined(new PostgresDialect({ pool: reusingPlans(pool) })),
      ...(process.env.SHARESTACK_QUERY_PROFILE ? { log: profileQueries } : {}),
    });
    return {
      db,
      kind: 'postgres',
      describe: describePostgres(target.url),
      close: () => db.destroy(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { pglitePool } = await import('./pglite-pool.js');
  const pglite = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
  await pglite.waitReady;
  // One connection too, taken in turn (pglite-pool.ts).
  const { dialect, waiting } = countingWaiters(pipelined(new PostgresDialect({ pool: pglitePool(pglite) })));
  const db = new Kysely<Database>({ dialect });
  return {
    db,
    kind: 'postgres',
    describe: target.dataDir ? `pglite:${target.dataDir}` : 'pglite (in memory)',
    waiting,
    close: () => db.destroy(),
  };
}

/**
 * Where a PostgreSQL URL points, for the log, without its credentials. Parsed as `pg` parses
 * it, so the libpq forms for a Unix socket (`postgres:///db?host=/var/run/postgresql`, or a
 * user with no host) read as they connect rather than failing as a WHATWG URL.
 */
export function describePostgres(url: string): string {
  const c = parseConnectionString(url);
  const socket = c.host?.startsWith('/') ? c.host : null;
  const host = socket ? 'localhost' : `${c.host || 'localhost'}${c.port ? `:${c.port}` : ''}`;
  return `postgres://${host}/${c.database ?? ''}${socket ? ` (socket in ${socket})` : ''}`;
}

/** SHARESTACK_QUERY_PROFILE=1: total time per statement, printed at exit (for benchmarks). */
const queryTimes = new Map<string, { n: number; ms: number }>();
function profileQueries(e: { query: { sql: string }; queryDurationMillis: number }) {
  const key = e.query.sql
    .replace(/\((?:\?|\$\d+)(, (?:\?|\$\d+))*\)/g, '(…)')
    .replace(/\$\d+/g, '?')
    .replace(/(\(…\), )+\(…\)/g, '(…)×n')
    .slice(0, 160);
  const t = queryTimes.get(key) ?? { n: 0, ms: 0 };
  t.n++;
  t.ms += e.queryDurationMillis;
  queryTimes.set(key, t);
}
if (process.env.SHARESTACK_QUERY_PROFILE) {
  process.once('exit', () => {
    const top = [...queryTimes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 40);
    for (const [sql, t] of top)
      console.error(`${t.ms.toFixed(0).padStart(7)} ms ${String(t.n).padStart(7)}× ${sql}`);
  });
}
