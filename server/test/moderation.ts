import type { ModerationItem, ModerationQueue, SiteSettingsPatch } from '@sharestack/protocol';
import { expect, onTestFinished } from 'vitest';
import type { DomainEvents } from '../src/events.js';
import { commentFixture } from './comments.js';
import { body, type Harness } from './harness.js';

export const MOD = { roles: ['moderator'] };
/** Spam as the SpamAssassin-trained model knows it: blocked at the seed's 0.9. */
export const SPAM =
  'Make money fast! Earn $5000 a week working from home, limited offer, click here http://cheap-pills.example/buy now!!!';
/** Promotional enough to be held for review, not blocked. */
export const FLAGGED_WORD = 'casino';

/** A comment fixture plus the moderation calls tests make most, and the events it saw. */
export async function moderationFixture(h: Harness, settings: SiteSettingsPatch = {}) {
  const f = await commentFixture(h, settings);
  const seen: { name: keyof DomainEvents; payload: unknown }[] = [];
  const names: (keyof DomainEvents)[] = [
    'moderation.queued',
    'moderation.resolved',
    'comment.approved',
    'comment.hidden',
  ];
  const offs = names.map((name) =>
    h.services.events.on(name, (payload) => {
      if ((payload as { siteId: string }).siteId === f.site.id) seen.push({ name, payload });
    }),
  );
  onTestFinished(() => {
    for (const off of offs) off();
  });

  async function call(method: string, path: string, user: string, bodyValue?: unknown, claims = MOD) {
    return h.request(method, path, {
      site: f.site.id,
      token: await f.tokenFor(user, claims),
      body: bodyValue,
    });
  }

  return {
    ...f,
    events: seen,
    call,
    async post(user: string, text: string, content = 'post-1') {
      const res = await h.request('POST', '/api/comments/', {
        site: f.site.id,
        token: await f.tokenFor(user),
        body: { content_id: content, comment_text: text },
      });
      return res;
    },
    async queue(query = '', mod = 'mod'): Promise<ModerationQueue> {
      const res = await call('GET', `/api/moderation/queue/${query ? `?${query}` : ''}`, mod);
      expect(res.status, await res.clone().text()).toBe(200);
      return body<ModerationQueue>(res);
    },
    async act(itemId: string, action: string, mod = 'mod', extra: Record<string, unknown> = {}) {
      return call('POST', `/api/moderation/queue/${itemId}/actions/`, mod, { action, ...extra });
    },
    async itemFor(commentId: string): Promise<ModerationItem | undefined> {
      const all = [
        ...(await this.queue('limit=100')).items,
        ...(await this.queue('status=resolved&limit=100')).items,
      ];
      return all.find((i) => i.comment_id === commentId);
    },
  };
}
