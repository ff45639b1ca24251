import { createTransport } from 'nodemailer';
import type { MailTransport, OutgoingMail } from '../types.js';

/** Whether sending again later may work (`transient`) or never will (`permanent`). */
export type MailFailureKind = 'transient' | 'permanent';

/** What `MailTransport.send` throws: the cause, classified for the retry decision. */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly kind: MailFailureKind,
    /** The SMTP reply code, when the server gave one. */
    readonly responseCode: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MailSendError';
  }

  get transient(): boolean {
    return this.kind === 'transient';
  }
}

interface SmtpErrorLike {
  code?: unknown;
  responseCode?: unknown;
  message?: unknown;
}

/**
 * 4xx replies, lost connections, timeouts, DNS and TLS trouble and rejected credentials are
 * transient (the message may go through later, or once the operator fixes the server's
 * settings); a 5xx reply about the message or its recipient is permanent.
 */
export function classifySmtpError(err: unknown): MailFailureKind {
  const e = (err ?? {}) as SmtpErrorLike;
  // Credentials and TLS are the server's configuration, not this message's fault: keep it.
  if (e.code === 'EAUTH' || e.code === 'ETLS' || e.code === 'ENOAUTH') return 'transient';
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  if (code !== null && code >= 500 && code < 600) return 'permanent';
  // A message nodemailer itself cannot build (bad address) never will be.
  if (code === null && e.code === 'EENVELOPE') return 'permanent';
  return 'transient';
}

export interface SmtpTransportOptions {
  /** Parallel SMTP connections (pooled, reused between messages). */
  maxConnections?: number;
  connectionTimeoutMs?: number;
  socketTimeoutMs?: number;
}

/**
 * A pooled nodemailer transport over `url` (smtp:// or smtps://, credentials in the URL).
 * `from` is used when a mail names none.
 */
export function createSmtpTransport(
  url: string,
  from: string,
  opts: SmtpTransportOptions = {},
): MailTransport {
  const transporter = createTransport({
    url,
    pool: true,
    maxConnections: opts.maxConnections ?? 3,
    maxMessages: 100,
    connectionTimeout: opts.connectionTimeoutMs ?? 10_000,
    greetingTimeout: opts.connectionTimeoutMs ?? 10_000,
    dnsTimeout: opts.connectionTimeoutMs ?? 10_000,
    socketTimeout: opts.socketTimeoutMs ?? 30_000,
    // Mail bodies are built from our templates only; never let them pull in files or URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  });

  return {
    async send(mail: OutgoingMail) {
      const messageId = /^<.*>$/.test(mail.messageId) ? mail.messageId : `<${mail.messageId}>`;
      try {
        const info = await transporter.sendMail({
          from: mail.from || from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId,
          headers: mail.headers,
        });
        // One recipient per mail: a rejection of it is the message's failure.
        const rejected = (info as { rejectedErrors?: unknown[] }).rejectedErrors?.[0];
        if (rejected) throw rejected;
      } catch (err) {
        const kind = classifySmtpError(err);
        const code = (err as SmtpErrorLike).responseCode;
        throw new MailSendError(
          `sending mail failed: ${String((err as SmtpErrorLike).message ?? err)}`,
          kind,
          typeof code === 'number' ? code : null,
          { cause: err },
        );
      }
    },
    close() {
      transporter.close();
    },
  };
}
