import { ErrorCode } from '@sharestack/protocol';
import { ProblemError } from '../http/problem.js';

/**
 * Social lists and feeds page newest first by row id: the cursor is the last id sent. It is
 * tagged with the list it belongs to so a follower cursor cannot be replayed on bookmarks.
 */
export function encodeIdCursor(list: string, id: number): string {
  return Buffer.from(JSON.stringify([list, id])).toString('base64url');
}

export function decodeIdCursor(list: string, raw: string): number {
  const invalid = () =>
    new ProblemError(400, ErrorCode.InvalidCursor, 'The cursor is not one this server issued for this list.');
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(value) || value.length !== 2 || value[0] !== list) throw invalid();
  const id = value[1];
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) throw invalid();
  return id;
}

export interface Paging {
  limit: number;
  cursor?: string | undefined;
  page?: number | undefined;
}

/** Where a page starts: after a cursor's id, or (the seed's `page`) at an offset. */
export function pageStart(list: string, p: Paging): { before: number | null; offset: number } {
  if (p.cursor) return { before: decodeIdCursor(list, p.cursor), offset: 0 };
  return { before: null, offset: p.page ? (p.page - 1) * p.limit : 0 };
}

/** Trims the one extra row fetched to know whether another page follows. */
export function pageOf<T, R>(
  list: string,
  rows: T[],
  limit: number,
  idOf: (row: T) => number,
  map: (row: T) => R,
): { items: R[]; next_cursor: string | null } {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept.at(-1);
  return {
    items: kept.map(map),
    next_cursor: more && last ? encodeIdCursor(list, idOf(last)) : null,
  };
}
