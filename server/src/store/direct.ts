import type { CompiledQuery, QueryResult } from 'kysely';
import type { Db } from './db.js';

/** The part of a better-sqlite3 statement a compiled query runs on. */
interface SqliteStatement {
  readonly reader: boolean;
  all(parameters: readonly unknown[]): unknown[];
  run(parameters: readonly unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
}

/** Statements by SQL text, prepared once (database.ts keeps them). */
export interface SqliteStatements {
  prepare(sql: string): SqliteStatement;
}

/** By the dialect's adapter, which a Kysely instance and all its transactions share. */
const direct = new WeakMap<object, SqliteStatements>();

/**
 * Lets statements of a transaction on this SQLite database run straight on better-sqlite3
 * (`executeInTransaction`). A transaction holds the one connection from BEGIN to COMMIT, and
 * better-sqlite3 runs a statement synchronously, so there is nothing for Kysely to queue: its
 * way through the executor, the connection provider, the driver and result plugins (none are
 * used) cost more JavaScript than SQLite took to run most of a comment's statements.
 */
export function runStraightInTransactions(db: Db, statements: SqliteStatements): void {
  direct.set(db.getExecutor().adapter, statements);
}

/**
 * Runs a compiled statement, exactly as Kysely's SQLite driver would, and on the same
 * connection: straight on better-sqlite3 inside a transaction of a database registered above,
 * through Kysely everywhere else (outside a transaction the connection must be taken in turn).
 * A statement runs when called: one started without awaiting a statement sent through Kysely
 * just before it would overtake that one (transactions here await each statement).
 */
export function executeInTransaction<R>(db: Db, query: CompiledQuery<R>): Promise<QueryResult<R>> {
  const statements = db.isTransaction ? direct.get(db.getExecutor().adapter) : undefined;
  if (!statements) return db.executeQuery(query);
  try {
    const stmt = statements.prepare(query.sql);
    if (stmt.reader) return Promise.resolve({ rows: stmt.all(query.parameters) as R[] });
    const { changes, lastInsertRowid } = stmt.run(query.parameters);
    return Promise.resolve({
      rows: [],
      numAffectedRows: BigInt(changes),
      insertId: BigInt(lastInsertRowid),
    });
  } catch (err) {
    return Promise.reject(err);
  }
}
