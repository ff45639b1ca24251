import { CompiledQuery } from 'kysely';
import type { DialectKind } from './database.js';
import type { Db } from './db.js';
import type { Database } from './schema.js';

/** Rows per statement: a few fixed sizes, so each (table, size) is prepared once and reused. */
const CHUNK = 100;
/** Statement text per shape, keyed by the caller's column list (a module constant) and size. */
const texts = new WeakMap<readonly string[], Map<string, string>>();

function statement(
  kind: DialectKind,
  table: string,
  columns: readonly string[],
  n: number,
  returning: string,
) {
  let byShape = texts.get(columns);
  if (!byShape) {
    byShape = new Map();
    texts.set(columns, byShape);
  }
  const key = `${kind} ${table} ${n}${returning}`;
  let text = byShape.get(key);
  if (text === undefined) {
    let p = 0;
    const tuple = () => `(${columns.map(() => (kind === 'sqlite' ? '?' : `$${++p}`)).join(', ')})`;
    const values = Array.from({ length: n }, tuple).join(', ');
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${values}${returning}`;
    byShape.set(key, text);
  }
  return text;
}

/**
 * Inserts many rows of one shape for hot paths (a notification fan-out writes three rows per
 * recipient): the statement text is built once per chunk size instead of compiling a query of
 * thousands of values each time, and the database reuses its prepared form. `rows` hold the
 * values in `columns` order, already in the database's types; pass `columns` as a constant, it
 * keys the statement cache. Returns the `returning` columns.
 */
export async function insertRows<T extends keyof Database & string, R = Record<string, unknown>>(
  db: Db,
  kind: DialectKind,
  table: T,
  columns: ReadonlyArray<keyof Database[T] & string>,
  rows: unknown[][],
  returning: ReadonlyArray<keyof Database[T] & string> = [],
): Promise<R[]> {
  const ret = returning.length > 0 ? ` returning ${returning.map((c) => `"${c}"`).join(', ')}` : '';
  const out: R[] = [];
  let at = 0;
  while (at < rows.length) {
    // Full chunks of CHUNK rows; what is left goes as its tens and then its units (57 rows as 50
    // and 7), so a few statements per table cover every count.
    const left = rows.length - at;
    const n = left >= CHUNK ? CHUNK : left >= 10 ? left - (left % 10) : left;
    const params: unknown[] = [];
    for (let i = at; i < at + n; i++) for (const v of rows[i]!) params.push(v);
    const result = await db.executeQuery<R>(
      CompiledQuery.raw(statement(kind, table, columns, n, ret), params),
    );
    for (const r of result.rows) out.push(r);
    at += n;
  }
  return out;
}
