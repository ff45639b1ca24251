import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseTarget } from '../src/store/database.js';

/** One database per test file, gone afterwards. */
export interface Opened {
  target: DatabaseTarget;
  cleanup(): Promise<void>;
}

export interface Dialect {
  name: 'sqlite' | 'pglite' | 'postgres';
  /** Why the dialect is skipped, or null when it runs. */
  skip: string | null;
  open(): Promise<Opened>;
}

const PG_URL = process.env.SHARESTACK_TEST_PG_URL ?? 'postgres://127.0.0.1:5432/test';
const requireServices = process.env.SHARESTACK_REQUIRE_SERVICES === '1';

async function reachablePgUrl(): Promise<{ url: string | null; error: string }> {
  const candidates = process.env.SHARESTACK_TEST_PG_URL
    ? [PG_URL]
    : [
        PG_URL,
        PG_URL.replace('postgres://', 'postgres://postgres@'),
        PG_URL.replace('postgres://', 'postgres://root@'),
      ];
  let error = '';
  for (const url of candidates) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return { url, error: '' };
    } catch (err) {
      error = (err as Error).message;
    } finally {
      await client.end().catch(() => {});
    }
  }
  return { url: null, error };
}

const pgProbe = await reachablePgUrl();
if (!pgProbe.url) {
  const message = `PostgreSQL at ${PG_URL} is unreachable (${pgProbe.error})`;
  if (requireServices) throw new Error(`${message}; SHARESTACK_REQUIRE_SERVICES=1 requires it.`);
  console.warn(`\n⚠ ${message}: the postgres variant of the server tests is SKIPPED.\n`);
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgProbe.url! });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function sessionsOn(database: string): Promise<number> {
  const client = new pg.Client({ connectionString: pgProbe.url! });
  await client.connect();
  try {
    const res = await client.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
      database,
    ]);
    return (res.rows[0] as { n: number }).n;
  } finally {
    await client.end();
  }
}

export const dialects: Dialect[] = [
  {
    name: 'sqlite',
    skip: null,
    async open() {
      return { target: { kind: 'sqlite', file: ':memory:' }, cleanup: async () => {} };
    },
  },
  {
    name: 'pglite',
    skip: null,
    async open() {
      return { target: { kind: 'pglite', dataDir: null }, cleanup: async () => {} };
    },
  },
  {
    name: 'postgres',
    skip: pgProbe.url ? null : `PostgreSQL unreachable at ${PG_URL}`,
    async open() {
      const name = `ss_test_${randomBytes(6).toString('hex')}`;
      await adminQuery(`create database ${name}`);
      const url = new URL(pgProbe.url!);
      url.pathname = `/${name}`;
      return {
        target: { kind: 'postgres', url: url.toString() },
        cleanup: async () => {
          // Let the closed pool's backends exit first: forcing them out makes pg report the kill
          // on sockets nobody listens to any more.
          for (let i = 0; i < 40 && (await sessionsOn(name)) > 0; i++)
            await new Promise((r) => setTimeout(r, 50));
          await adminQuery(`drop database if exists ${name} with (force)`);
        },
      };
    },
  },
];
