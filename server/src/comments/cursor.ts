import { type CommentSort, ErrorCode } from '@sharestack/protocol';
import { ProblemError } from '../http/problem.js';

/** Position after the last top-level comment of a page: its sort key and id. */
export interface CursorPosition {
  key: number;
  id: number;
}

export function encodeCursor(sort: CommentSort, pos: CursorPosition): string {
  return Buffer.from(JSON.stringify([sort, pos.key, pos.id])).toString('base64url');
}

export function decodeCursor(sort: CommentSort, raw: string): CursorPosition {
  const invalid = () =>
    new ProblemError(400, ErrorCode.InvalidCursor, 'The cursor is not one this server issued for this sort.');
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(value) || value.length !== 3) throw invalid();
  const [s, key, id] = value as unknown[];
  if (s !== sort || typeof key !== 'number' || !Number.isFinite(key)) throw invalid();
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) throw invalid();
  return { key, id };
}
