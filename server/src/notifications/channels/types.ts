import type { NotificationType, PushPayload } from '@sharestack/protocol';

/**
 * The contract between the notification worker (which decides what goes out, when, and records
 * that it did) and the channels (which render and send). Channels never touch the outbox.
 */

/** One notification as an email or a digest lists it. */
export interface MailItem {
  type: NotificationType;
  /** e.g. "Ann replied to your comment". */
  message: string;
  /** The comment's text or the content's title, plain text. */
  excerpt: string | null;
  /** Where to read it on the host site, when known (http/https only). */
  url: string | null;
  created_at: string;
}

export interface MailContext {
  site: { id: string; name: string };
  recipient: { id: string; name: string; email: string };
  /** One item for an instant email; several for a digest. */
  items: MailItem[];
  /** `hourly` / `daily` for a digest, `instant` otherwise. */
  frequency: 'instant' | 'hourly' | 'daily';
  /** Signed one-click links (RFC 8058): POST target and the page a person opens. */
  unsubscribe: { oneClickUrl: string; pageUrl: string; preferencesUrl: string | null };
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export interface OutgoingMail extends RenderedMail {
  to: string;
  from: string;
  /** Stable per delivery, so a resend after a crash is recognisable as the same message. */
  messageId: string;
  headers: Record<string, string>;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** `gone`: the push service answered 404/410 and the subscription must be removed. */
export type PushResult =
  | { kind: 'sent' }
  | { kind: 'gone' }
  | { kind: 'retry'; error: string; retryAfterMs?: number }
  | { kind: 'failed'; error: string };

export interface PushSender {
  /** base64url VAPID public key for the browser's `applicationServerKey`. */
  readonly publicKey: string;
  send(target: PushTarget, payload: PushPayload): Promise<PushResult>;
}
