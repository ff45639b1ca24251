import { ErrorCode } from '@sharestack/protocol';
import { ProblemError } from '../http/problem.js';

/** Keyset cursors of moderation lists: a tuple of numbers, opaque to clients. */
export function encodeKeys(keys: number[]): string {
  return Buffer.from(JSON.stringify(['m', ...keys])).toString('base64url');
}

export function decodeKeys(raw: string, length: number): number[] {
  const invalid = () =>
    new ProblemError(400, ErrorCode.InvalidCursor, 'The cursor is not one this list issued.');
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(value) || value.length !== length + 1 || value[0] !== 'm') throw invalid();
  const keys = value.slice(1);
  if (!keys.every((k) => typeof k === 'number' && Number.isSafeInteger(k) && k >= 0)) throw invalid();
  return keys as number[];
}
