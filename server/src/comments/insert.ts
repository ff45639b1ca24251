import { type RawBuilder, sql } from 'kysely';
import type { DialectKind } from '../store/database.js';
import type { Db } from '../store/db.js';
import { prepared } from '../store/prepared.js';
import type { CommentRow } from '../store/schema.js';
import { PATH_DIGITS } from './serialize.js';

/** A new comment's row but for its id and path, which the insert makes; `parent_path` is '/' for a top-level one. */
export type NewCommentValues = Omit<CommentRow, 'id' | 'path'> & { parent_path: string };

/**
 * The id the column's default would give the row: on SQLite, AUTOINCREMENT's rule (one past
 * the largest id the table ever had), on PostgreSQL the next value of the serial's sequence.
 */
const NEXT_ID: Record<DialectKind, RawBuilder<number>> = {
  sqlite: sql`max(coalesce((select seq from sqlite_sequence where name = 'comments'), 0), coalesce((select max(id) from comments), 0)) + 1`,
  postgres: sql`nextval(pg_get_serial_sequence('comments', 'id'))`,
};

const digits = sql.raw(String(PATH_DIGITS));
/** The id zero-padded as `pathSegment` pads it (16 digits hold every safe integer: nothing is cut). */
const SEGMENT: Record<DialectKind, RawBuilder<string>> = {
  sqlite: sql`printf('%0${digits}d', (select id from next_comment))`,
  postgres: sql`lpad(cast((select id from next_comment) as text), ${digits}, '0')`,
};

/**
 * Inserts a comment with its materialised path, which ends with the comment's own id: the id is
 * taken in the statement, so the path is written with the row. (Written by an UPDATE after the
 * insert, it cost a statement more per comment and moved the row's entry in the path index.)
 */
function insertWithPath(kind: DialectKind) {
  return prepared((db: Db, p: NewCommentValues) => {
    const { parent_path, ...values } = p;
    return db
      .with(
        (cte) => cte('next_comment').materialized(),
        (qb) => qb.selectNoFrom(NEXT_ID[kind].as('id')),
      )
      .insertInto('comments')
      .values({
        ...values,
        id: sql<number>`(select id from next_comment)`,
        path: sql<string>`${parent_path} || ${SEGMENT[kind]} || '/'`,
      })
      .returning(['id', 'path']);
  });
}

const INSERTS: Record<DialectKind, ReturnType<typeof insertWithPath>> = {
  sqlite: insertWithPath('sqlite'),
  postgres: insertWithPath('postgres'),
};

/** Writes the comment; its id and its path as stored. */
export async function insertComment(
  tx: Db,
  kind: DialectKind,
  values: NewCommentValues,
): Promise<{ id: number; path: string }> {
  const { rows } = await INSERTS[kind](tx, values);
  const row = rows[0]!;
  return { id: Number(row.id), path: row.path };
}
