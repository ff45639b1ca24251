/**
 * The benchmarks' own PostgreSQL connection (creating and dropping their databases, reading
 * which backends serve them): the first reachable of the local server's usual URLs, or
 * BENCH_PG_URL.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';

const CANDIDATES = process.env.BENCH_PG_URL
  ? [process.env.BENCH_PG_URL]
  : ['postgres://127.0.0.1:5432/test', 'postgres://postgres@127.0.0.1:5432/test'];
let picked: string | null = null;

/** The first candidate URL that accepts a connection (the user may have to be named). */
export async function pgUrl(): Promise<string> {
  if (picked) return picked;
  for (const url of CANDIDATES) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      picked = url;
      return url;
    } catch {
      // try the next
    } finally {
      await client.end().catch(() => {});
    }
  }
  throw new Error(`PostgreSQL unreachable at ${CANDIDATES.join(', ')}`);
}

/** One statement on a connection of its own (CREATE/DROP DATABASE cannot run in a transaction). */
export async function pgAdmin<R extends pg.QueryResultRow = pg.QueryResultRow>(
  sqlText: string,
  values?: unknown[],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: await pgUrl() });
  await client.connect();
  try {
    return (await client.query<R>(sqlText, values)).rows;
  } finally {
    await client.end();
  }
}

/** CPU seconds so far of these PostgreSQL backends (same machine: /proc), by pid. */
export function backendCpu(pids: number[]): Map<number, number> {
  const ticks = 100; // USER_HZ on Linux
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) / ticks);
    } catch {
      // ended, or PostgreSQL is not on this machine
    }
  }
  return out;
}
