import { createHash } from 'node:crypto';
import type { CompiledQuery, PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * Statements PostgreSQL parses and plans once per connection instead of on every run. A
 * statement sent without a name is parsed, analysed and planned each time: for the follow's one
 * statement (graph-pg.ts) that was more server time than running it. Hot statements of a fixed
 * shape (`prepared()`, the follow graph's writes, the journal's) are marked with `reusePlan`;
 * the pool then sends them as named prepared statements (node-postgres prepares a name once per
 * connection), and after a few runs the server keeps a generic plan where that costs no more
 * than planning afresh. Statements of changing shape (lists of values, bulk inserts) are not
 * marked: each shape would stay prepared on every connection.
 */

/** SQL texts to prepare, with their statement names; bounded, as a guard against a caller whose text varies. */
const reused = new Map<string, string>();
const REUSED_MAX = 500;

/** Marks a compiled statement's text as one to prepare once per connection; returns the statement. */
export function reusePlan<Q extends CompiledQuery>(query: Q): Q {
  if (!reused.has(query.sql) && reused.size < REUSED_MAX) {
    reused.set(query.sql, `ss_${createHash('sha1').update(query.sql).digest('hex').slice(0, 24)}`);
  }
  return query;
}

/** A node-postgres pool whose clients send statements marked with `reusePlan` by name. */
export function reusingPlans(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    const query = (sqlOrCursor: unknown, parameters?: ReadonlyArray<unknown>) => {
      const name = typeof sqlOrCursor === 'string' ? reused.get(sqlOrCursor) : undefined;
      if (name) return client.query({ name, text: sqlOrCursor as string, values: [...parameters!] });
      return client.query(sqlOrCursor as never, parameters as never);
    };
    return { query: query as unknown as PostgresPoolClient['query'], release: () => client.release() };
  };
  return {
    async connect() {
      const client = await pool.connect();
      let wrapped = clients.get(client);
      if (!wrapped) {
        wrapped = wrap(client);
        clients.set(client, wrapped);
      }
      return wrapped;
    },
    end: () => pool.end(),
  };
}
