import { ErrorCode } from '@sharestack/protocol';
import { ProblemError } from '../http/problem.js';

/**
 * Keyset cursors of moderation lists: a tuple of keys, opaque to clients. Each key has a kind,
 * checked when a cursor comes back, so a forged one is refused as `invalid_cursor` rather than
 * failing in the query: a row id, a 32-bit rank (a PostgreSQL `integer`), a time in ms (what
 * `Date` can hold) or a short text (a user id).
 */
export type KeyKind = 'id' | 'rank' | 'time' | 'text';

type KeyOf<K extends KeyKind> = K extends 'text' ? string : number;
type Keys<T extends readonly KeyKind[]> = { [I in keyof T]: KeyOf<T[I]> };

const MAX: Record<Exclude<KeyKind, 'text'>, number> = {
  id: Number.MAX_SAFE_INTEGER,
  rank: 2_147_483_647,
  time: 8.64e15,
};
const TEXT_MAX = 200;

export function encodeKeys(keys: Array<number | string>): string {
  return Buffer.from(JSON.stringify(['m', ...keys])).toString('base64url');
}

export function decodeKeys<const T extends readonly KeyKind[]>(raw: string, kinds: T): Keys<T> {
  const invalid = () =>
    new ProblemError(400, ErrorCode.InvalidCursor, 'The cursor is not one this list issued.');
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(value) || value.length !== kinds.length + 1 || value[0] !== 'm') throw invalid();
  const keys = value.slice(1);
  const fits = (k: unknown, kind: KeyKind) =>
    kind === 'text'
      ? typeof k === 'string' && k.length > 0 && k.length <= TEXT_MAX && !k.includes(String.fromCharCode(0))
      : typeof k === 'number' && Number.isSafeInteger(k) && k >= 0 && k <= MAX[kind];
  if (!keys.every((k, i) => fits(k, kinds[i]!))) throw invalid();
  return keys as Keys<T>;
}
