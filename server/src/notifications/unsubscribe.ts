import { createHmac, timingSafeEqual } from 'node:crypto';
import { NOTIFICATION_TYPES, type NotificationType } from '@sharestack/protocol';

/**
 * Signed unsubscribe links. A token names a site, a user and what to turn off (one type's email,
 * or all email); the site's secret signs it, so nobody can forge one for someone else and a token
 * of one site means nothing on another. Tokens do not expire: an old email's link must still work.
 *
 * Format: base64url(version byte ‖ JSON [siteId, userId, type]) "." base64url(HMAC-SHA256).
 */

export type UnsubscribeScope = NotificationType | 'all';

export interface UnsubscribeClaims {
  siteId: string;
  userId: string;
  type: UnsubscribeScope;
}

const VERSION = 1;
/** Keeps these MACs apart from anything else the site secret signs. */
const DOMAIN = 'sharestack/unsubscribe\0';
const TOKEN_MAX = 1024;
const B64URL = /^[A-Za-z0-9_-]+$/;

function mac(secret: string, payload: Buffer): Buffer {
  return createHmac('sha256', secret).update(DOMAIN).update(payload).digest();
}

function isScope(value: unknown): value is UnsubscribeScope {
  return value === 'all' || (NOTIFICATION_TYPES as readonly unknown[]).includes(value);
}

export function signUnsubscribe(secret: string, claims: UnsubscribeClaims): string {
  if (!isScope(claims.type)) throw new Error(`unknown notification type ${String(claims.type)}`);
  const json = Buffer.from(JSON.stringify([claims.siteId, claims.userId, claims.type]), 'utf8');
  const payload = Buffer.concat([Buffer.from([VERSION]), json]);
  return `${payload.toString('base64url')}.${mac(secret, payload).toString('base64url')}`;
}

/** The claims of a genuine token signed with `secret`; null for anything else. Never throws. */
export function verifyUnsubscribe(secret: string, token: string): UnsubscribeClaims | null {
  if (typeof token !== 'string' || token.length > TOKEN_MAX) return null;
  const [p, s, ...rest] = token.split('.');
  if (!p || !s || rest.length > 0 || !B64URL.test(p) || !B64URL.test(s)) return null;
  const payload = Buffer.from(p, 'base64url');
  const given = Buffer.from(s, 'base64url');
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (payload[0] !== VERSION) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.subarray(1).toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [siteId, userId, type] = parsed as unknown[];
  if (typeof siteId !== 'string' || typeof userId !== 'string' || !isScope(type)) return null;
  return { siteId, userId, type };
}

/**
 * The site named inside a token, unverified: only to find which secret to check it with.
 * Null when the token is not even shaped like one.
 */
export function unverifiedSiteOf(token: string): string | null {
  if (typeof token !== 'string' || token.length > TOKEN_MAX) return null;
  const p = token.split('.')[0];
  if (!p || !B64URL.test(p)) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(p, 'base64url').subarray(1).toString('utf8'));
    return Array.isArray(parsed) && typeof parsed[0] === 'string' ? parsed[0] : null;
  } catch {
    return null;
  }
}

/**
 * The link for `List-Unsubscribe` and the email footer (both: the GET shows a page, a POST of
 * `List-Unsubscribe=One-Click` applies). `base` is the server's public URL.
 */
export function unsubscribeUrl(base: string, siteId: string, token: string): string {
  const url = new URL(`${base.replace(/\/+$/, '')}/api/notifications/unsubscribe`);
  url.searchParams.set('site', siteId);
  url.searchParams.set('token', token);
  return url.toString();
}
