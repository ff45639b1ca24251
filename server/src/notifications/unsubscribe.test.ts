import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { PROBLEM_CONTENT_TYPE } from '@sharestack/protocol';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../http/errors.js';
import { createRouter } from '../http/router.js';
import { createSitesService, type SiteRecord } from '../sites/service.js';
import { openStore, type Store } from '../store/database.js';
import { mailHeaders, renderMail } from './channels/email/render.js';
import { createSmtpTransport } from './channels/email/transport.js';
import type { MailContext } from './channels/types.js';
import { signUnsubscribe, type UnsubscribeScope, unsubscribeUrl, verifyUnsubscribe } from './unsubscribe.js';
import { unsubscribeRoutes } from './unsubscribe-routes.js';

describe('unsubscribe tokens', () => {
  const secret = 'site-secret-0123456789abcdef0123';

  it('round-trips every scope', () => {
    for (const type of ['all', 'follow', 'like', 'comment', 'reply', 'mention', 'content_update'] as const) {
      const token = signUnsubscribe(secret, { siteId: 'site_a', userId: 'u-1', type });
      expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
      expect(verifyUnsubscribe(secret, token)).toEqual({ siteId: 'site_a', userId: 'u-1', type });
    }
  });

  it('refuses tampered tokens, other secrets and garbage', () => {
    const token = signUnsubscribe(secret, { siteId: 'site_a', userId: 'u-1', type: 'reply' });
    const [payload, mac] = token.split('.') as [string, string];
    // Someone else's user id with the original MAC.
    const forged = Buffer.from(
      Buffer.concat([Buffer.from([1]), Buffer.from(JSON.stringify(['site_a', 'u-2', 'reply']))]),
    ).toString('base64url');
    expect(verifyUnsubscribe(secret, `${forged}.${mac}`)).toBeNull();
    // Widening the scope.
    const widened = Buffer.concat([Buffer.from([1]), Buffer.from(JSON.stringify(['site_a', 'u-1', 'all']))]);
    expect(verifyUnsubscribe(secret, `${widened.toString('base64url')}.${mac}`)).toBeNull();
    // A flipped MAC bit, a truncated MAC, another site's secret.
    const flipped = Buffer.from(mac, 'base64url');
    flipped[0]! ^= 1;
    expect(verifyUnsubscribe(secret, `${payload}.${flipped.toString('base64url')}`)).toBeNull();
    expect(verifyUnsubscribe(secret, `${payload}.${mac.slice(0, 20)}`)).toBeNull();
    expect(verifyUnsubscribe('another-site-secret-abcdef012345', token)).toBeNull();
    for (const junk of ['', '.', 'a.b.c', `${payload}.`, `.${mac}`, 'x'.repeat(5000), `${payload}.${mac}=`]) {
      expect(verifyUnsubscribe(secret, junk)).toBeNull();
    }
  });

  it('checks the version byte', () => {
    // A correctly signed payload of an unknown version is still refused.
    const payload = Buffer.concat([Buffer.from([2]), Buffer.from(JSON.stringify(['site_a', 'u-1', 'all']))]);
    const mac = createHmac('sha256', secret).update('sharestack/unsubscribe\0').update(payload).digest();
    expect(
      verifyUnsubscribe(secret, `${payload.toString('base64url')}.${mac.toString('base64url')}`),
    ).toBeNull();
    expect(() =>
      signUnsubscribe(secret, { siteId: 's', userId: 'u', type: 'nope' as UnsubscribeScope }),
    ).toThrow();
  });

  it('builds the link under the public URL', () => {
    expect(unsubscribeUrl('https://c.example/base/', 'site_a', 'p.m')).toBe(
      'https://c.example/base/api/notifications/unsubscribe?site=site_a&token=p.m',
    );
  });
});

describe('unsubscribe routes', () => {
  let store: Store;
  let site: SiteRecord;
  let other: SiteRecord;
  const calls: [string, string, UnsubscribeScope][] = [];
  const errors: unknown[] = [];
  const app = createRouter();

  beforeAll(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    const sites = createSitesService(store);
    site = await sites.create({
      name: 'Blog <&> "Co"',
      origins: ['https://blog.example'],
      settings: {},
    } as never);
    other = await sites.create({ name: 'Other', origins: ['*'], settings: {} });
    app.onError(errorHandler((msg, err) => errors.push({ msg, err })));
    app.route(
      '/api',
      unsubscribeRoutes({
        sites,
        // The lead's preference change; here only recorded, to see what the route asked for.
        apply: async (siteId, userId, type) => {
          calls.push([siteId, userId, type]);
        },
      }),
    );
  });
  afterAll(async () => {
    await store.close();
    expect(errors).toEqual([]);
  });

  const link = (s: SiteRecord, userId: string, type: UnsubscribeScope, secret = s.secret) =>
    unsubscribeUrl('http://localhost', s.id, signUnsubscribe(secret, { siteId: s.id, userId, type }));

  it('GET shows an escaped page with a POST form and changes nothing', async () => {
    calls.length = 0;
    const url = link(site, 'u-1', 'reply');
    const res = await app.request(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain('Blog &lt;&amp;&gt; &quot;Co&quot;');
    expect(html).not.toContain('<&>');
    expect(html).toContain('email about replies to your comments');
    expect(html).toMatch(/<form method="post" action="\?site=[^"]+&amp;token=[^"]+">/);
    expect(html).not.toContain('<script');
    expect(calls).toEqual([]);
  });

  it('POST List-Unsubscribe=One-Click applies once with the right arguments', async () => {
    calls.length = 0;
    const res = await app.request(link(site, 'u-1', 'reply'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/plain/);
    expect(calls).toEqual([[site.id, 'u-1', 'reply']]);
  });

  it('POST one-click as multipart works too (RFC 8058 allows both)', async () => {
    calls.length = 0;
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const res = await app.request(link(site, 'u-2', 'all'), { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(calls).toEqual([[site.id, 'u-2', 'all']]);
  });

  it("the page's form applies and answers with a page", async () => {
    calls.length = 0;
    const page = await (await app.request(link(site, 'u-3', 'all'))).text();
    const action = /action="([^"]+)"/.exec(page)![1]!.replace(/&amp;/g, '&');
    const res = await app.request(`http://localhost/api/notifications/unsubscribe${action}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' },
      body: 'confirm=yes',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain(
      'All notification email from <strong>Blog &lt;&amp;&gt; &quot;Co&quot;</strong> is now off.',
    );
    expect(calls).toEqual([[site.id, 'u-3', 'all']]);
  });

  it('refuses bad links with unsubscribe_link_invalid and changes nothing', async () => {
    calls.length = 0;
    const good = new URL(link(site, 'u-1', 'like'));
    const token = good.searchParams.get('token')!;
    const tampered = `${token.slice(0, -2)}${token.endsWith('A') ? 'B' : 'A'}A`;
    const cases = [
      `http://localhost/api/notifications/unsubscribe?site=${site.id}&token=${tampered}`,
      // Signed with the other site's secret but naming this site.
      link(site, 'u-1', 'like', other.secret),
      // A genuine token of this site presented as the other site's.
      `http://localhost/api/notifications/unsubscribe?site=${other.id}&token=${token}`,
      `http://localhost/api/notifications/unsubscribe?site=${site.id}`,
      `http://localhost/api/notifications/unsubscribe?site=site_nope&token=${token}`,
      `http://localhost/api/notifications/unsubscribe?site=${site.id}&token=%00%01`,
    ];
    for (const url of cases) {
      for (const method of ['GET', 'POST']) {
        const res = await app.request(url, {
          method,
          ...(method === 'POST'
            ? {
                headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
                body: 'List-Unsubscribe=One-Click',
              }
            : {}),
        });
        expect(res.status, `${method} ${url}`).toBe(400);
        expect(res.headers.get('Content-Type')).toBe(PROBLEM_CONTENT_TYPE);
        expect(((await res.json()) as { code: string }).code).toBe('unsubscribe_link_invalid');
      }
    }
    expect(calls).toEqual([]);
  });

  it('is documented in OpenAPI without a security requirement', () => {
    const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } });
    const path = doc.paths?.['/api/notifications/unsubscribe'];
    expect(path?.get?.security).toEqual([]);
    expect(path?.post?.security).toEqual([]);
  });

  it('the link of a delivered email works: its List-Unsubscribe URL takes a one-click POST', async () => {
    calls.length = 0;
    const raws: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          raws.push(Buffer.concat(chunks).toString('utf8'));
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const transport = createSmtpTransport(
      `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      'ShareStack <n@sharestack.test>',
    );
    try {
      const url = unsubscribeUrl(
        'http://localhost',
        site.id,
        signUnsubscribe(site.secret, { siteId: site.id, userId: 'u-9', type: 'mention' }),
      );
      const ctx: MailContext = {
        site: { id: site.id, name: site.name },
        recipient: { id: 'u-9', name: 'Nia', email: 'nia@example.test' },
        items: [
          {
            type: 'mention',
            message: 'Ann mentioned you',
            excerpt: 'hi @nia',
            url: null,
            created_at: '2026-01-01T00:00:00Z',
          },
        ],
        frequency: 'instant',
        unsubscribe: { oneClickUrl: url, pageUrl: url, preferencesUrl: null },
      };
      await transport.send({
        ...renderMail(ctx),
        to: 'nia@example.test',
        from: '',
        messageId: 'm-9@sharestack.test',
        headers: mailHeaders(ctx),
      });
      const mail = await simpleParser(raws[0]!);
      const header = mail.headerLines
        .find((h) => h.key === 'list-unsubscribe')!
        .line.replace(/\r?\n[ \t]+/g, '');
      const target = /<([^>]+)>/.exec(header)![1]!;
      // What a mail client does (RFC 8058): POST the body to the header's URL.
      const res = await app.request(target, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(res.status).toBe(200);
      expect(calls).toEqual([[site.id, 'u-9', 'mention']]);
      // And the footer's link opens the page.
      const pageLink = /Unsubscribe: (\S+)/.exec(String(mail.text))![1]!;
      expect((await app.request(pageLink)).status).toBe(200);
      expect(calls).toHaveLength(1);
    } finally {
      transport.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });

  it('a POST without the one-click body is a 400 and changes nothing', async () => {
    calls.length = 0;
    for (const body of ['', 'List-Unsubscribe=Other', 'confirm=no']) {
      const res = await app.request(link(site, 'u-1', 'like'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      });
      expect(res.status, body).toBe(400);
      expect(res.headers.get('Content-Type')).toBe(PROBLEM_CONTENT_TYPE);
    }
    expect(calls).toEqual([]);
  });
});
