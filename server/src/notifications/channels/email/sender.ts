import type { EmailSender, SendOutcome } from '../../dispatch.js';
import { signUnsubscribe, unsubscribeUrl } from '../../unsubscribe.js';
import type { MailContext, MailTransport } from '../types.js';
import { mailHeaders, renderMail } from './render.js';
import { MailSendError } from './transport.js';

export interface EmailSenderOptions {
  transport: MailTransport;
  from: string;
  /** Where this server is reached from mail (PUBLIC_URL, or the address it listens on). */
  baseUrl: () => string;
  /** The host page's notification settings, when the site has one. */
  preferencesUrl?: string | null;
}

/**
 * Email for the worker: renders the notification (or digest) with its signed unsubscribe links
 * (RFC 8058 one-click for that type, or all email for a digest) and hands it to SMTP. A
 * refusal the peer calls temporary (4xx, network) is retried; a permanent one (5xx) is not.
 */
export function createEmailSender(opts: EmailSenderOptions): EmailSender {
  return {
    async send({ site, recipient, items, frequency, messageId }): Promise<SendOutcome> {
      const scope = frequency === 'instant' && items.length === 1 ? items[0]!.type : 'all';
      const token = signUnsubscribe(site.secret, { siteId: site.id, userId: recipient.id, type: scope });
      const link = unsubscribeUrl(opts.baseUrl(), site.id, token);
      const ctx: MailContext = {
        site: { id: site.id, name: site.name },
        recipient,
        items,
        frequency,
        unsubscribe: { oneClickUrl: link, pageUrl: link, preferencesUrl: opts.preferencesUrl ?? null },
      };
      const rendered = renderMail(ctx);
      try {
        await opts.transport.send({
          ...rendered,
          to: recipient.email,
          from: opts.from,
          messageId,
          headers: mailHeaders(ctx),
        });
        return { kind: 'sent' };
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        if (err instanceof MailSendError && !err.transient) return { kind: 'failed', error };
        return { kind: 'retry', error };
      }
    },
  };
}
