import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp } from '../../../../test/smtp.js';
import type { MailContext, MailItem, MailTransport, OutgoingMail } from '../types.js';
import { mailHeaders, renderMail } from './render.js';
import { classifySmtpError, createSmtpTransport, MailSendError } from './transport.js';

const FROM = 'ShareStack <notifications@sharestack.test>';

function context(items: MailItem[], frequency: MailContext['frequency'] = 'instant'): MailContext {
  return {
    site: { id: 'site_1', name: 'Blog & Co' },
    recipient: { id: 'u1', name: 'Ann & <Bob> "B"', email: 'ann@example.test' },
    items,
    frequency,
    unsubscribe: {
      oneClickUrl: 'https://comments.example/api/notifications/unsubscribe?site=site_1&token=abc.def',
      pageUrl: 'https://comments.example/api/notifications/unsubscribe?site=site_1&token=abc.def',
      preferencesUrl: 'https://blog.example/settings/notifications',
    },
  };
}

function outgoing(ctx: MailContext, messageId: string): OutgoingMail {
  return {
    ...renderMail(ctx),
    to: ctx.recipient.email,
    from: FROM,
    messageId,
    headers: mailHeaders(ctx),
  };
}

const reply: MailItem = {
  type: 'reply',
  message: 'Zoë <b>& Co</b> replied to your comment',
  excerpt: 'Nice post <script>alert("x")</script> & more',
  url: 'https://blog.example/posts/1#comment-7',
  created_at: '2026-01-02T10:00:00.000Z',
};

describe('email channel over a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let transport: MailTransport;

  beforeAll(async () => {
    smtp = await startSmtp();
    transport = createSmtpTransport(smtp.url, FROM);
  });
  afterAll(async () => {
    transport.close();
    await smtp.close();
  });

  it('delivers an instant email that parses with its headers, text and escaped HTML', async () => {
    const ctx = context([reply]);
    await transport.send(outgoing(ctx, 'delivery-41@sharestack.test'));

    expect(smtp.received).toHaveLength(1);
    const got = smtp.received[0]!;
    expect(got.to).toEqual(['ann@example.test']);
    expect(got.from).toBe('notifications@sharestack.test');

    const mail = await simpleParser(got.raw);
    expect(mail.subject).toBe('Zoë <b>& Co</b> replied to your comment');
    expect(mail.from?.value[0]).toMatchObject({
      address: 'notifications@sharestack.test',
      name: 'ShareStack',
    });
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null).toBe('ann@example.test');
    expect(mail.messageId).toBe('<delivery-41@sharestack.test>');

    const header = (name: string) =>
      mail.headerLines
        .find((h) => h.key === name)
        ?.line.slice(name.length + 1)
        .replace(/\r?\n[ \t]+/g, '')
        .trim();
    expect(header('list-unsubscribe')).toBe(
      '<https://comments.example/api/notifications/unsubscribe?site=site_1&token=abc.def>',
    );
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(header('auto-submitted')).toBe('auto-generated');

    // Text: user strings as they are, the link, the footer links.
    expect(mail.text).toContain('Hi Ann & <Bob> "B",');
    expect(mail.text).toContain('Nice post <script>alert("x")</script> & more');
    expect(mail.text).toContain('Read the reply: https://blog.example/posts/1#comment-7');
    expect(mail.text).toContain(
      'Unsubscribe: https://comments.example/api/notifications/unsubscribe?site=site_1&token=abc.def',
    );
    expect(mail.text).toContain('Notification preferences: https://blog.example/settings/notifications');

    // HTML: every user string escaped, no script survives.
    const html = String(mail.html);
    expect(html).not.toContain('<script>');
    expect(html).toContain('Nice post &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    expect(html).toContain('Hi Ann &amp; &lt;Bob&gt; &quot;B&quot;,');
    expect(html).toContain('Zoë &lt;b&gt;&amp; Co&lt;/b&gt; replied to your comment');
    expect(html).not.toContain('<b>');
    expect(html).toContain('href="https://blog.example/posts/1#comment-7"');
    expect(html).toContain(
      '<a href="https://comments.example/api/notifications/unsubscribe?site=site_1&amp;token=abc.def">Unsubscribe</a>',
    );
    expect(html).toContain('Blog &amp; Co');
  });

  it('sends a daily digest grouped by type with counts', async () => {
    const items: MailItem[] = [
      { ...reply, created_at: '2026-01-02T10:00:00.000Z' },
      {
        ...reply,
        message: 'Cleo replied to your comment',
        excerpt: 'Agreed',
        created_at: '2026-01-02T11:00:00.000Z',
      },
      {
        type: 'like',
        message: 'Dan liked your comment',
        excerpt: null,
        url: null,
        created_at: '2026-01-02T09:00:00Z',
      },
      {
        type: 'follow',
        message: 'Eve followed you',
        excerpt: null,
        url: 'javascript:alert(1)',
        created_at: '2026-01-02T08:00:00Z',
      },
      {
        type: 'like',
        message: 'Fay liked your post',
        excerpt: 'My title',
        url: 'https://blog.example/p/2',
        created_at: '2026-01-02T12:00:00Z',
      },
    ];
    const ctx = context(items, 'daily');
    const before = smtp.received.length;
    await transport.send(outgoing(ctx, 'digest-1@sharestack.test'));
    const mail = await simpleParser(smtp.received[before]!.raw);

    expect(mail.subject).toBe('Your daily digest: 5 new notifications on Blog & Co');
    const text = String(mail.text);
    // Groups in protocol order (follow, like, …, reply) with counts, newest first within.
    const follow = text.indexOf('New follower (1)');
    const likes = text.indexOf('Likes (2)');
    const replies = text.indexOf('Replies (2)');
    expect(follow).toBeGreaterThanOrEqual(0);
    expect(likes).toBeGreaterThan(follow);
    expect(replies).toBeGreaterThan(likes);
    expect(text.indexOf('Fay liked your post')).toBeLessThan(text.indexOf('Dan liked your comment'));
    expect(text.indexOf('Cleo replied')).toBeLessThan(text.indexOf('Zoë'));
    expect(text).not.toContain('javascript:');

    const html = String(mail.html);
    expect(html).toContain('Likes (2)');
    expect(html).toContain('Replies (2)');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<a href="https://blog.example/p/2">Fay liked your post</a>');
    expect(html).not.toContain('<script>');
    expect(mail.headerLines.some((h) => h.key === 'list-unsubscribe-post')).toBe(true);

    const hourly = renderMail(context([items[2]!], 'hourly'));
    expect(hourly.subject).toBe('Your hourly digest: 1 new notification on Blog & Co');
  });
});

describe('SMTP failures are classified', () => {
  const servers: Awaited<ReturnType<typeof startSmtp>>[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function failureOf(code: number, message: string): Promise<MailSendError> {
    const smtp = await startSmtp({ code, message });
    servers.push(smtp);
    const transport = createSmtpTransport(smtp.url, FROM);
    try {
      await transport.send(outgoing(context([reply]), `fail-${code}@sharestack.test`));
    } catch (err) {
      return err as MailSendError;
    } finally {
      transport.close();
    }
    throw new Error('the send did not fail');
  }

  it('451 is transient', async () => {
    const err = await failureOf(451, 'Try again later');
    expect(err).toBeInstanceOf(MailSendError);
    expect(err.kind).toBe('transient');
    expect(err.responseCode).toBe(451);
  });

  it('550 is permanent', async () => {
    const err = await failureOf(550, 'No such user');
    expect(err).toBeInstanceOf(MailSendError);
    expect(err.kind).toBe('permanent');
    expect(err.responseCode).toBe(550);
  });

  it('a server that is not there is transient', async () => {
    const smtp = await startSmtp();
    const url = smtp.url;
    await smtp.close();
    const transport = createSmtpTransport(url, FROM, { connectionTimeoutMs: 2000 });
    const err = await transport
      .send(outgoing(context([reply]), 'x@sharestack.test'))
      .catch((e: unknown) => e);
    transport.close();
    expect(err).toBeInstanceOf(MailSendError);
    expect((err as MailSendError).kind).toBe('transient');
    expect(classifySmtpError({ code: 'EAUTH', responseCode: 535 })).toBe('transient');
  });
});
