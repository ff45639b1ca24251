import type {
  Compilable,
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import type { Db } from './db.js';
import { withDriver } from './dialect.js';
import { executeInTransaction } from './direct.js';

/**
 * Fewer PostgreSQL round trips in a transaction. With node-postgres in pipeline mode a
 * statement goes out without waiting for the answer to the one before; the server still runs
 * them one after another, each with its own snapshot. Two waits go:
 *
 * - BEGIN goes out with the transaction's first statement, not one round trip ahead of it.
 * - A write whose answer the transaction does not need before it commits (a journal row, a
 *   queued job: `sendAhead`) goes out at once, and COMMIT goes out behind it: the commit
 *   waits for every such write and fails with the first that failed (the server turns COMMIT
 *   of a failed transaction into a rollback).
 *
 * Nothing changes in what commits: the statements are those the transaction would have run,
 * in the same order, in the same transaction.
 */

interface Slot {
  answer?: Promise<QueryResult<unknown>>;
}

/** Statements `sendAhead` marked, until the connection that sends them takes the mark. */
const marked = new WeakMap<CompiledQuery, Slot>();

const NO_ROWS: QueryResult<never> = { rows: [] };
const ignore = () => {};

class PipelinedConnection implements DatabaseConnection {
  /** BEGIN, sent and not yet answered. */
  private begun: Promise<void> | null = null;
  /** Writes sent ahead in the open transaction. */
  private ahead: Array<Promise<QueryResult<unknown>>> = [];
  /** The first of them that failed: later statements fail only because the transaction did. */
  private failure: unknown = null;

  constructor(readonly inner: DatabaseConnection) {}

  begin(sent: Promise<void>) {
    sent.catch(ignore);
    this.begun = sent;
  }

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const sent = this.inner.executeQuery<R>(query);
    const slot = marked.get(query);
    // Answers come in the order the statements went out, so a write sent ahead that failed is
    // known before the statements behind it fail for that reason.
    sent.catch(
      slot
        ? (err: unknown) => {
            this.failure ??= err;
          }
        : ignore,
    );
    const begun = this.begun;
    this.begun = null;
    // A BEGIN that failed means a broken connection, which fails the statement behind it too.
    const answer = begun ? begun.then(() => sent) : sent;
    if (!slot) {
      return answer.catch((err: unknown) => {
        throw this.failure ?? err;
      });
    }
    marked.delete(query);
    answer.catch(ignore);
    slot.answer = answer as Promise<QueryResult<unknown>>;
    this.ahead.push(slot.answer);
    return Promise.resolve(NO_ROWS);
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }

  /**
   * Waits for what the transaction sent and was not answered yet, then clears it for the next
   * transaction on this connection (not before: a failure must not outlive its transaction).
   */
  async settle(): Promise<Array<PromiseSettledResult<unknown>>> {
    const pending = [...(this.begun ? [this.begun] : []), ...this.ahead];
    this.begun = null;
    this.ahead = [];
    const results = await Promise.allSettled(pending);
    const failure = this.failure;
    this.failure = null;
    return failure === null ? results : [{ status: 'rejected', reason: failure }, ...results];
  }
}

class PipelinedDriver implements Driver {
  private readonly wrapped = new WeakMap<DatabaseConnection, PipelinedConnection>();

  constructor(private readonly inner: Driver) {}

  init() {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let mine = this.wrapped.get(connection);
    if (!mine) {
      mine = new PipelinedConnection(connection);
      this.wrapped.set(connection, mine);
    }
    return mine;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const c = connection as PipelinedConnection;
    c.begin(this.inner.beginTransaction(c.inner, settings));
  }

  async commitTransaction(connection: DatabaseConnection) {
    const c = connection as PipelinedConnection;
    const commit = this.inner.commitTransaction(c.inner);
    commit.catch(ignore);
    const failed = (await c.settle()).find((r) => r.status === 'rejected');
    if (failed) {
      // COMMIT of a failed transaction rolls it back; the caller hears why.
      await commit.catch(ignore);
      throw failed.reason;
    }
    await commit;
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    const c = connection as PipelinedConnection;
    const rollback = this.inner.rollbackTransaction(c.inner);
    await c.settle();
    await rollback;
  }

  async releaseConnection(connection: DatabaseConnection) {
    await this.inner.releaseConnection((connection as PipelinedConnection).inner);
  }

  destroy() {
    return this.inner.destroy();
  }
}

/** A PostgreSQL dialect whose transactions pipeline BEGIN and the writes sent ahead (see above). */
export function pipelined(dialect: Dialect): Dialect {
  return withDriver(dialect, (driver) => new PipelinedDriver(driver));
}

/**
 * Sends a write whose answer the transaction does not need before it commits. On PostgreSQL it
 * goes out pipelined with the statements around it, and the commit waits for it (and fails if
 * it did). Resolves as soon as the write is on its way, which must be before the transaction
 * ends (so await it); `answered` comes with the commit, so wait for that only after. Outside a
 * transaction, and on SQLite (no round trips), the write simply runs.
 */
export async function sendAhead<R>(
  db: Db,
  query: Compilable<R> | CompiledQuery<R>,
): Promise<{ answered: Promise<QueryResult<R>> }> {
  const compiled = 'compile' in query ? query.compile() : query;
  const slot: Slot = {};
  if (db.isTransaction) marked.set(compiled, slot);
  const result = await executeInTransaction(db, compiled);
  const answered = (slot.answer ?? Promise.resolve(result)) as Promise<QueryResult<R>>;
  // Its failure fails the commit; until someone waits for it, it is not unhandled.
  answered.catch(ignore);
  return { answered };
}
