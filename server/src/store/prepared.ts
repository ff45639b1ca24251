import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { Db } from './db.js';
import { executeInTransaction } from './direct.js';
import { reusePlan } from './plans.js';

interface Compiled<R> {
  query: CompiledQuery<R>;
  /** For each bound parameter, the name of the value that goes there (null: a constant). */
  slots: Array<string | null>;
}

const MARK = '\u0000prepared:';

/**
 * A statement built and compiled once per dialect, then run with fresh values. Building a
 * Kysely query (immutable nodes, cloned and frozen at every step) and compiling it costs more
 * than SQLite takes to run a simple one, and every comment runs the same shapes. `build` is
 * called once, with a marker in place of each value; every marker must come out as a bound
 * parameter (scalars only: no lists, no `sql.lit`), which the first run checks. Callers pass
 * the same names every time (a variant with other names is a prepared statement of its own).
 */
export function prepared<P extends object, R>(build: (db: Db, p: P) => Compilable<R>) {
  // Keyed by the dialect's adapter: the same for a Kysely instance and all its transactions.
  const cache = new WeakMap<object, Compiled<R>>();

  function compile(db: Db, names: string[]): Compiled<R> {
    const markers = Object.fromEntries(names.map((n) => [n, `${MARK}${n}`])) as unknown as P;
    const query = build(db, markers).compile();
    const slots = query.parameters.map((v) =>
      typeof v === 'string' && v.startsWith(MARK) ? v.slice(MARK.length) : null,
    );
    const missing = names.filter((n) => !slots.includes(n));
    if (missing.length > 0 || query.sql.includes(MARK)) {
      throw new Error(`prepared statement does not bind ${missing.join(', ') || 'its values'}: ${query.sql}`);
    }
    // PostgreSQL plans it once per connection, too (plans.ts).
    return { query: reusePlan(query), slots };
  }

  /** The statement with these values, ready to run (or to send ahead: pipeline.ts). */
  function bind(db: Db, params: P): CompiledQuery<R> {
    const adapter = db.getExecutor().adapter;
    let c = cache.get(adapter);
    if (!c) {
      c = compile(db, Object.keys(params));
      cache.set(adapter, c);
    }
    const { query, slots } = c;
    const values = params as Record<string, unknown>;
    const parameters = slots.map((name, i) => (name === null ? query.parameters[i] : values[name]));
    return { ...query, parameters };
  }

  const run = (db: Db, params: P): Promise<QueryResult<R>> => executeInTransaction(db, bind(db, params));
  return Object.assign(run, { bind });
}

/**
 * A family of prepared statements, one per variant (a set of claimed columns, a row count):
 * `make` builds a variant's statement on its first use, which is then kept.
 */
export function preparedVariants<K, S>(make: (variant: K) => S): (variant: K) => S {
  const made = new Map<K, S>();
  return (variant) => {
    let statement = made.get(variant);
    if (!statement) {
      statement = make(variant);
      made.set(variant, statement);
    }
    return statement;
  };
}
