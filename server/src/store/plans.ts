import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
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

/**
 * Holds a client's socket writes until the current turn of the event loop ends, so statements
 * sent back to back (pipelined: BEGIN with a transaction's first statement, writes sent ahead
 * with COMMIT, store/pipeline.ts) leave in one write. node-postgres writes each statement on
 * its own: a system call each, and each wakes the PostgreSQL backend for a part of the batch.
 * Nothing waits longer: the held writes go out before any answer could be read.
 */
function writesPerTurn(client: pg.PoolClient): () => void {
  const stream = (client as unknown as { connection?: { stream?: Writable } }).connection?.stream;
  if (!stream) return () => {};
  let held = false;
  const release = () => {
    held = false;
    stream.uncork();
  };
  return () => {
    if (held) return;
    held = true;
    stream.cork();
    process.nextTick(release);
  };
}

/**
 * A node-postgres pool whose clients send statements marked with `reusePlan` by name, and
 * send the statements of one turn of the event loop in one write.
 */
export function reusingPlans(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    const hold = writesPerTurn(client);
    const query = (sqlOrCursor: unknown, parameters?: ReadonlyArray<unknown>) => {
      hold();
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
