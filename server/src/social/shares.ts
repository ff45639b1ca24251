import type { ShareSummary } from '@sharestack/protocol';
import type { ShareBody } from '@sharestack/protocol/schemas';
import type { z } from 'zod';
import { upsertUser } from '../auth/users.js';
import { ensureContent, findContent } from '../comments/contents.js';
import type { Events } from '../events.js';
import type { Principal } from '../http/env.js';
import { nowIso } from '../ids.js';
import type { SiteRecord } from '../sites/service.js';
import type { Store } from '../store/database.js';
import { type Db, transaction } from '../store/db.js';

async function summary(db: Db, siteId: string, contentKey: string): Promise<ShareSummary> {
  const content = await findContent(db, siteId, contentKey);
  if (!content) return { content_id: contentKey, share_count: 0, channels: {}, share_url: null };
  const rows = await db
    .selectFrom('shares')
    .select((eb) => ['channel', eb.fn.countAll<number>().as('n')])
    .where('content_ref', '=', Number(content.id))
    .groupBy('channel')
    .execute();
  const channels: Record<string, number> = {};
  for (const r of rows) channels[r.channel] = Number(r.n);
  return {
    content_id: contentKey,
    share_count: Number(content.share_count),
    channels,
    share_url: content.url,
  };
}

export function createShares({ db }: Store, events: Events) {
  return {
    summary: (site: SiteRecord, contentKey: string) => summary(db, site.id, contentKey),

    /**
     * Records that someone shared a content key through a channel. Anonymous readers share too
     * (the share button works for guests), so the user is optional.
     */
    async record(site: SiteRecord, viewer: Principal | null, input: z.output<typeof ShareBody>) {
      const result = await transaction(db, async (tx) => {
        if (viewer) await upsertUser(tx, site.id, viewer);
        const content = await ensureContent(tx, site, input.content_id, {
          url: input.content_url,
          title: input.content_title,
        });
        await tx
          .insertInto('shares')
          .values({
            site_id: site.id,
            content_ref: Number(content.id),
            user_id: viewer?.id ?? null,
            channel: input.channel,
            created_at: nowIso(),
          })
          .execute();
        await tx
          .updateTable('contents')
          .set((eb) => ({ share_count: eb('share_count', '+', 1) }))
          .where('id', '=', Number(content.id))
          .execute();
        return summary(tx, site.id, input.content_id);
      });
      events.emit('share.recorded', { siteId: site.id, summary: result, userId: viewer?.id ?? null });
      return result;
    },
  };
}
