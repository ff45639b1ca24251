import type { Comment, NotificationPreferences } from '@sharestack/protocol';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/dialects.js';
import { useServer } from '../../test/harness.js';
import { startSmtp } from '../../test/smtp.js';
import { socialFixture } from '../../test/social.js';

/** Email through the worker to a real SMTP server, on every dialect. */
for (const dialect of dialects) {
  describe.skipIf(dialect.skip !== null)(`notification email [${dialect.name}]`, () => {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    beforeAll(async () => {
      smtp = await startSmtp(null, port);
    });
    afterAll(async () => smtp.close());
    const h = useServer(dialect, { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'Blog <n@blog.test>' });

    async function fixture() {
      const f = await socialFixture(h);
      const tokens = new Map<string, string>();
      const as = async (user: string) => {
        if (!tokens.has(user)) {
          tokens.set(user, await h.token(f.site, user, { name: `Name ${user}`, email: `${user}@mail.test` }));
        }
        return tokens.get(user)!;
      };
      const call = async (method: string, path: string, user: string, body?: unknown) => {
        const res = await h.request(method, path, { site: f.site.id, token: await as(user), body });
        expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
        return res.json();
      };
      const drain = async () => {
        await h.services.activity.settled();
        await h.services.notifications.worker.drain();
      };
      const mailsTo = (addr: string) => smtp.received.filter((m) => m.to.includes(addr));
      return { f, call, drain, mailsTo };
    }

    it('emails a reply with one-click unsubscribe that works (RFC 8058), once', async () => {
      const { call, drain, mailsTo } = await fixture();
      const top = (await call('POST', '/api/comments/', 'ann', {
        content_id: 'post-1',
        comment_text: 'What do you think?',
      })) as Comment;
      await call('POST', '/api/comments/', 'bob', {
        content_id: 'post-1',
        comment_text: 'I think <b>this</b> is great',
        parent_comment_id: top.id,
      });
      await drain();
      const got = mailsTo('ann@mail.test');
      expect(got).toHaveLength(1);
      const mail = await simpleParser(got[0]!.raw);
      expect(mail.subject).toBe('Name bob replied to your comment');
      expect(mail.from?.text).toContain('n@blog.test');
      expect(mail.text).toContain('I think <b>this</b> is great');
      expect(mail.html).toContain('I think &lt;b&gt;this&lt;/b&gt; is great');
      const header = (name: string) =>
        mail.headerLines
          .find((l) => l.key === name)
          ?.line.slice(name.length + 1)
          .replace(/\r?\n[ \t]+/g, '')
          .trim();
      expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      const link = /<([^>]+)>/.exec(header('list-unsubscribe') ?? '')![1]!;
      const url = new URL(link);
      // A mail client's one-click POST: no site header, no token, no cookies.
      const res = await h.request('POST', `${url.pathname}${url.search}`, {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        raw: 'List-Unsubscribe=One-Click',
      });
      expect(res.status).toBe(200);
      const prefs = (await call('GET', '/api/notifications/preferences/', 'ann')) as NotificationPreferences;
      expect(prefs.types.reply.email).toBe(false);
      expect(prefs.types.mention.email).toBe(true);
      expect(prefs.email_available).toBe(true);

      await call('POST', '/api/comments/', 'cat', {
        content_id: 'post-1',
        comment_text: 'me too',
        parent_comment_id: top.id,
      });
      await drain();
      expect(mailsTo('ann@mail.test')).toHaveLength(1);
      // The in-app item still came.
      const inbox = (await call('GET', '/api/notifications/', 'ann')) as { items: Array<{ count: number }> };
      expect(inbox.items[0]!.count).toBe(2);
    });

    it('batches an hourly digest into one email when it is due', async () => {
      const { f, call, drain, mailsTo } = await fixture();
      await call('PUT', '/api/notifications/preferences/', 'dan', {
        email_frequency: 'hourly',
        types: { follow: { email: true } },
      });
      for (const u of ['eve', 'fay', 'gus']) await call('POST', '/api/social/follow/', u, { user_id: 'dan' });
      await drain();
      expect(mailsTo('dan@mail.test')).toHaveLength(0);
      const pending = await h.services.store.db
        .selectFrom('notification_deliveries')
        .select(['id', 'due_at', 'digest'])
        .where('site_id', '=', f.site.id)
        .where('user_id', '=', 'dan')
        .where('status', '=', 'pending')
        .execute();
      expect(pending).toHaveLength(3);
      expect(new Set(pending.map((p) => p.due_at)).size).toBe(1);
      expect(Date.parse(pending[0]!.due_at)).toBeGreaterThan(Date.now());
      // The hour passes.
      await h.services.store.db
        .updateTable('notification_deliveries')
        .set({ due_at: new Date(Date.now() - 1000).toISOString() })
        .where(
          'id',
          'in',
          pending.map((p) => Number(p.id)),
        )
        .execute();
      await drain();
      const got = mailsTo('dan@mail.test');
      expect(got).toHaveLength(1);
      const mail = await simpleParser(got[0]!.raw);
      expect(mail.subject).toMatch(/hourly digest: 3 new notifications/i);
      for (const u of ['eve', 'fay', 'gus']) expect(mail.text).toContain(`Name ${u} started following you`);
      const states = await h.services.store.db
        .selectFrom('notification_deliveries')
        .select(['status', 'message_id'])
        .where('user_id', '=', 'dan')
        .where(
          'id',
          'in',
          pending.map((p) => Number(p.id)),
        )
        .execute();
      expect(new Set(states.map((s) => s.status))).toEqual(new Set(['sent']));
      expect(new Set(states.map((s) => s.message_id)).size).toBe(1);
    });

    it('emails a reply whose inbox item is turned off: the channels are independent', async () => {
      const { call, drain, mailsTo } = await fixture();
      await call('PUT', '/api/notifications/preferences/', 'eve', { types: { reply: { in_app: false } } });
      const top = (await call('POST', '/api/comments/', 'eve', {
        content_id: 'post-1',
        comment_text: 'Anyone?',
      })) as Comment;
      await call('POST', '/api/comments/', 'fay', {
        content_id: 'post-1',
        comment_text: 'Here!',
        parent_comment_id: top.id,
      });
      await drain();
      const got = mailsTo('eve@mail.test');
      expect(got).toHaveLength(1);
      expect((await simpleParser(got[0]!.raw)).subject).toBe('Name fay replied to your comment');
      const inbox = (await call('GET', '/api/notifications/', 'eve')) as { items: unknown[] };
      expect(inbox.items).toEqual([]);
      expect(await call('GET', '/api/notifications/unread-count/', 'eve')).toMatchObject({ count: 0 });
    });
  });
}
