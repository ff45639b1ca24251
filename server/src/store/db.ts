import type { Kysely, SelectQueryBuilder, Transaction } from 'kysely';
import type { DialectKind } from './database.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database> | Transaction<Database>;

/**
 * Row lock for read-then-write sequences. PostgreSQL needs it under concurrency; SQLite (and
 * PGlite) run one transaction at a time and would reject the syntax.
 */
export function lockForUpdate<DB, TB extends keyof DB, O>(
  kind: DialectKind,
  qb: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return kind === 'postgres' ? qb.forUpdate() : qb;
}

/** Runs `fn` over `items` in slices that stay under every dialect's bound-parameter limit. */
export async function inChunks<T, R>(items: T[], fn: (chunk: T[]) => Promise<R[]>, size = 500): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await fn(items.slice(i, i + size))));
  return out;
}

const RETRYABLE = new Set(['40P01', '40001']);

/**
 * A transaction that PostgreSQL may abort as a deadlock victim or serialisation failure is
 * retried: lock order keeps these rare, but a client must never see one as a 500.
 */
export async function transaction<T>(
  db: Kysely<Database>,
  fn: (tx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(fn);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (attempt >= 4 || typeof code !== 'string' || !RETRYABLE.has(code)) throw err;
      await new Promise((r) => setTimeout(r, attempt * 10 + Math.random() * 20));
    }
  }
}
