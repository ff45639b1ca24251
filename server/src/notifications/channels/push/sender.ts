import { createHash } from 'node:crypto';
import type { Agent } from 'node:https';
import type { PushPayload } from '@sharestack/protocol';
import webpush from 'web-push';
import type { PushResult, PushSender, PushTarget } from '../types.js';
import { isPrivateHost, publicOnlyAgent } from './public-address.js';
import type { VapidKeys } from './vapid.js';

export interface PushSenderOptions {
  /** How long the push service keeps an undelivered message (seconds). Default one day. */
  ttlSeconds?: number;
  urgency?: 'very-low' | 'low' | 'normal' | 'high';
  /** Per request (ms). Default 10 s. */
  timeoutMs?: number;
  /**
   * An https.Agent for the push service requests (e.g. one that trusts a private CA); it may
   * reach private addresses. Without one, only public addresses are (public-address.ts).
   */
  agent?: Agent;
  /** Whether endpoints on private addresses may be reached (implied by `agent`). */
  allowPrivateEndpoints?: boolean;
}

/** A push message is at most 4096 bytes; aes128gcm adds 86 (header, tag, delimiter). */
const PLAINTEXT_MAX = 3800;

/** The Topic header allows 32 URL-safe base64 characters: a digest of the tag fits any tag. */
export function topicOf(tag: string): string {
  return createHash('sha256').update(tag).digest('base64url').slice(0, 32);
}

/** The payload as JSON, its body shortened when the whole would not fit one push message. */
export function encodePayload(payload: PushPayload): string {
  let json = JSON.stringify(payload);
  if (Buffer.byteLength(json) <= PLAINTEXT_MAX) return json;
  const room = PLAINTEXT_MAX - (Buffer.byteLength(json) - Buffer.byteLength(payload.body));
  let body = payload.body;
  while (body && Buffer.byteLength(body) > Math.max(0, room - 3))
    body = body.slice(0, Math.floor(body.length * 0.9));
  json = JSON.stringify({ ...payload, body: body ? `${body}…` : '' });
  return json;
}

/** Retry-After as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim()) * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

interface WebPushErrorLike {
  statusCode?: number;
  headers?: Record<string, string | string[] | undefined>;
  body?: string;
  message?: string;
}

/** What a push service's answer means for the subscription and the delivery. */
export function classifyPushError(err: unknown): PushResult {
  const e = (err ?? {}) as WebPushErrorLike;
  const status = typeof e.statusCode === 'number' ? e.statusCode : null;
  const detail = `${status ?? 'network'}: ${String(e.body || e.message || err).slice(0, 300)}`;
  if (status === 404 || status === 410) return { kind: 'gone' };
  if (status === null || status === 429 || status >= 500) {
    const after = retryAfterMs(e.headers?.['retry-after']);
    return after === undefined
      ? { kind: 'retry', error: detail }
      : { kind: 'retry', error: detail, retryAfterMs: after };
  }
  // 400 (bad request), 401/403 (VAPID refused), 413 (too large): sending again will not help.
  return { kind: 'failed', error: detail };
}

/** Web push (RFC 8030) with VAPID (RFC 8292), payloads encrypted as aes128gcm (RFC 8291). */
export function createPushSender(keys: VapidKeys, subject: string, opts: PushSenderOptions = {}): PushSender {
  const vapidDetails = { subject, publicKey: keys.publicKey, privateKey: keys.privateKey };
  const open = opts.allowPrivateEndpoints === true || opts.agent !== undefined;
  const agent = opts.agent ?? (open ? undefined : publicOnlyAgent());
  return {
    publicKey: keys.publicKey,
    async send(target: PushTarget, payload: PushPayload): Promise<PushResult> {
      // An address is connected to without a lookup: a private one (kept before endpoints were
      // checked) is never asked, and the subscription goes.
      if (!open && isPrivateHost(new URL(target.endpoint).hostname)) return { kind: 'gone' };
      try {
        await webpush.sendNotification(
          { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
          encodePayload(payload),
          {
            vapidDetails,
            contentEncoding: 'aes128gcm',
            TTL: opts.ttlSeconds ?? 86_400,
            urgency: opts.urgency ?? 'normal',
            topic: topicOf(payload.tag),
            timeout: opts.timeoutMs ?? 10_000,
            ...(agent ? { agent } : {}),
          },
        );
        return { kind: 'sent' };
      } catch (err) {
        return classifyPushError(err);
      }
    },
  };
}
