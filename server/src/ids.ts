import { randomBytes } from 'node:crypto';

/** Parses a wire id; ids past 2^53 cannot exist here, so they are "not found", never an error. */
export function parseId(raw: string): number | null {
  if (!/^[1-9][0-9]{0,17}$/.test(raw)) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : null;
}

export const wireId = (n: number | string) => String(n);

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export function newSiteId(): string {
  const bytes = randomBytes(14);
  let out = 'site_';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}

export const nowIso = () => new Date().toISOString();
