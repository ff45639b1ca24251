import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

type Command = PostgresQueryResult<unknown>['command'];

/**
 * Kysely 0.28's PostgresDialect wants a pg-style pool. PGlite is one connection, so the pool
 * hands out one client at a time: a connection stays checked out for a whole transaction,
 * which is what serialises transactions.
 */
export function pglitePool(pglite: PGlite): PostgresPool {
  let tail: Promise<void> = Promise.resolve();

  return {
    connect() {
      let release!: () => void;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const acquired = tail.then(() => client(pglite, release));
      tail = tail.then(() => released);
      return acquired;
    },
    async end() {
      await tail;
      await pglite.close();
    },
  };
}

function client(pglite: PGlite, release: () => void): PostgresPoolClient {
  let done = false;
  return {
    async query<R>(sql: string, parameters: ReadonlyArray<unknown>) {
      const result = await pglite.query<R>(sql, [...parameters]);
      return {
        command: commandOf(sql),
        rowCount: result.affectedRows ?? result.rows.length,
        rows: result.rows,
      };
    },
    release() {
      // Kysely releases exactly once, but a double release must not unblock a later holder.
      if (done) return;
      done = true;
      release();
    },
  } as PostgresPoolClient;
}

function commandOf(sql: string): Command {
  const word = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase();
  return word === 'INSERT' || word === 'UPDATE' || word === 'DELETE' || word === 'MERGE' ? word : 'SELECT';
}
