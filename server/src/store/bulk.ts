import { CompiledQuery } from 'kysely';
import type { DialectKind } from './database.js';
import type { Db } from './db.js';
import type { Database } from './schema.js';

/** Rows per statement: a few fixed sizes, so each (table, size) is prepared once and reused. */
const CHUNK = 100;
const texts = new Map<string, string>();

function statement(
  kind: DialectKind,
  table: string,
  columns: readonly string[],
  n: number,
  returning: string,
) {
  const key = `${kind}\n${table}\n${columns.join(',')}\n${n}\n${returning}`;
  let text = texts.get(key);
  if (text === undefined) {
    let p = 0;
    const tuple = () => `(${columns.map(() => (kind === 'sqlite' ? '?' : `$${++p}`)).join(', ')})`;
    const values = Array.from({ length: n }, tuple).join(', ');
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${values}${returning}`;
    if (texts.size > 1_000) texts.clear();
    texts.set(key, text);
  }
  return text;
}

/**
 * Inserts many rows of one shape for hot paths (a notification fan-out writes three rows per
 * recipient): the statement text is built once per chunk size instead of compiling a query of
 * thousands of values each time, and the database reuses its prepared form. `rows` hold the
 * values in `columns` order, already in the database's types. Returns the `returning` columns.
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
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const params = chunk.flat();
    // A full chunk is one statement; a shorter one goes as its tens and then its units (57 rows
    // as 50 and 7), so a few statements per table cover every count.
    const sizes = chunk.length === CHUNK ? [CHUNK] : [...tensThenUnits(chunk.length)];
    let at = 0;
    for (const n of sizes) {
      const text = statement(kind, table, columns, n, ret);
      const result = await db.executeQuery<R>(
        CompiledQuery.raw(text, params.slice(at * columns.length, (at + n) * columns.length)),
      );
      out.push(...result.rows);
      at += n;
    }
  }
  return out;
}

function* tensThenUnits(n: number) {
  if (n >= 10) yield n - (n % 10);
  if (n % 10 > 0) yield n % 10;
}
