import type { CompiledQuery } from 'kysely';
import type { Db } from './db.js';
import type { Database } from './schema.js';

/** Rows per statement: a few fixed sizes, so each (table, size) is compiled and prepared once. */
const CHUNK = 100;

/** Compiled statements by dialect adapter (shared by a Kysely instance and its transactions). */
const compiled = new WeakMap<object, Map<string, CompiledQuery>>();

function statement(
  db: Db,
  table: string,
  columns: readonly string[],
  n: number,
  returning: readonly string[],
) {
  const adapter = db.getExecutor().adapter;
  let byShape = compiled.get(adapter);
  if (!byShape) {
    byShape = new Map();
    compiled.set(adapter, byShape);
  }
  const key = `${table}(${columns.join(',')})×${n}→${returning.join(',')}`;
  let query = byShape.get(key);
  if (query === undefined) {
    // Kysely writes the statement (quoting, placeholders of the dialect); every value is bound.
    const row = Object.fromEntries(columns.map((c) => [c, null]));
    query = (db as Db)
      .insertInto(table as keyof Database)
      .values(Array.from({ length: n }, () => row) as never)
      .$if(returning.length > 0, (q) => q.returning(returning as never) as never)
      .compile() as CompiledQuery;
    if (query.parameters.length !== n * columns.length) {
      throw new Error(`bulk insert into ${table} does not bind every value: ${query.sql}`);
    }
    byShape.set(key, query);
  }
  return query;
}

/**
 * Inserts many rows of one shape for hot paths (a notification fan-out writes three rows per
 * recipient): the statement is compiled once per chunk size instead of building a query of
 * thousands of values each time, and the database reuses its prepared form (as `prepared.ts`
 * does for single statements). `rows` hold the values in `columns` order, already in the
 * database's types. Returns the `returning` columns.
 */
export async function insertRows<T extends keyof Database & string, R = Record<string, unknown>>(
  db: Db,
  table: T,
  columns: ReadonlyArray<keyof Database[T] & string>,
  rows: unknown[][],
  returning: ReadonlyArray<keyof Database[T] & string> = [],
): Promise<R[]> {
  const out: R[] = [];
  let at = 0;
  while (at < rows.length) {
    // Full chunks of CHUNK rows; what is left goes as its tens and then its units (57 rows as 50
    // and 7), so a few statements per table cover every count.
    const left = rows.length - at;
    const n = left >= CHUNK ? CHUNK : left >= 10 ? left - (left % 10) : left;
    const parameters: unknown[] = [];
    for (let i = at; i < at + n; i++) for (const v of rows[i]!) parameters.push(v);
    const query = statement(db, table, columns, n, returning);
    const result = await db.executeQuery<R>({ ...query, parameters } as CompiledQuery<R>);
    for (const r of result.rows) out.push(r);
    at += n;
  }
  return out;
}
