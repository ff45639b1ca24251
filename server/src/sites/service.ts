import {
  type CreateSiteBody,
  LIVE_REACTION_SET,
  type Site,
  type SiteSettings,
  type SiteWithSecret,
  type UpdateSiteBody,
} from '@sharestack/protocol';
import { SiteSettings as SiteSettingsSchema } from '@sharestack/protocol/schemas';
import { newSiteId, nowIso, randomToken } from '../ids.js';
import type { Store } from '../store/database.js';
import type { SiteRow } from '../store/schema.js';

export interface SiteRecord {
  id: string;
  name: string;
  secret: string;
  origins: string[];
  settings: SiteSettings;
  created_at: string;
}

export const DEMO_SITE_ID = 'demo';
/** Site ids as minted here (`site_…`) plus `demo`; anything else cannot exist. */
const SITE_ID = /^[A-Za-z0-9_-]{1,64}$/;

function fromRow(row: SiteRow): SiteRecord {
  return {
    id: row.id,
    name: row.name,
    secret: row.secret,
    origins: JSON.parse(row.origins) as string[],
    // Parsing fills defaults for settings added after the row was written.
    settings: SiteSettingsSchema.parse(JSON.parse(row.settings)),
    created_at: row.created_at,
  };
}

export const toSite = (s: SiteRecord): Site => ({
  id: s.id,
  name: s.name,
  origins: s.origins,
  settings: s.settings,
  created_at: s.created_at,
});
export const toSiteWithSecret = (s: SiteRecord): SiteWithSecret => ({ ...toSite(s), secret: s.secret });

export type ParsedCreateSite = Required<Pick<CreateSiteBody, 'name'>> & {
  origins: string[];
  settings: Partial<SiteSettings>;
};

/**
 * Every request names its site, so sites are kept in memory for a few seconds. Changes made
 * through this process apply at once; another process's change (several servers on one
 * database) applies within `SITE_TTL_MS`.
 */
const SITE_TTL_MS = 5_000;
const SITE_CACHE_MAX = 10_000;

export function createSitesService({ db }: Store) {
  const cache = new Map<string, { site: SiteRecord; until: number }>();
  const forget = (id: string) => cache.delete(id);

  async function get(id: string): Promise<SiteRecord | null> {
    if (!SITE_ID.test(id)) return null;
    const now = Date.now();
    const cached = cache.get(id);
    if (cached && cached.until > now) return cached.site;
    const row = await db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) {
      forget(id);
      return null;
    }
    const site = fromRow(row);
    if (cache.size >= SITE_CACHE_MAX) cache.clear();
    cache.set(id, { site, until: now + SITE_TTL_MS });
    return site;
  }

  async function insert(id: string, body: ParsedCreateSite): Promise<SiteRecord> {
    const record: SiteRecord = {
      id,
      name: body.name,
      secret: randomToken(32),
      origins: [...new Set(body.origins)],
      settings: SiteSettingsSchema.parse(body.settings),
      created_at: nowIso(),
    };
    await db
      .insertInto('sites')
      .values({
        ...record,
        origins: JSON.stringify(record.origins),
        settings: JSON.stringify(record.settings),
      })
      .execute();
    return record;
  }

  return {
    get,
    create: (body: ParsedCreateSite) => insert(newSiteId(), body),

    async list(): Promise<SiteRecord[]> {
      const rows = await db.selectFrom('sites').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(fromRow);
    },

    async update(id: string, patch: UpdateSiteBody): Promise<SiteRecord | null> {
      const current = await get(id);
      if (!current) return null;
      const next: SiteRecord = {
        ...current,
        name: patch.name ?? current.name,
        origins: patch.origins ? [...new Set(patch.origins)] : current.origins,
        settings: SiteSettingsSchema.parse({ ...current.settings, ...patch.settings }),
      };
      await db
        .updateTable('sites')
        .set({
          name: next.name,
          origins: JSON.stringify(next.origins),
          settings: JSON.stringify(next.settings),
        })
        .where('id', '=', id)
        .execute();
      forget(id);
      return next;
    },

    async remove(id: string): Promise<boolean> {
      if (!SITE_ID.test(id)) return false;
      const res = await db.deleteFrom('sites').where('id', '=', id).executeTakeFirst();
      forget(id);
      return Number(res.numDeletedRows) > 0;
    },

    async rotateSecret(id: string): Promise<SiteRecord | null> {
      const current = await get(id);
      if (!current) return null;
      const secret = randomToken(32);
      await db.updateTable('sites').set({ secret }).where('id', '=', id).execute();
      forget(id);
      return { ...current, secret };
    },

    /** The demo site exists on every server so the demo page works out of the box. */
    async ensureDemo(): Promise<SiteRecord> {
      const existing = await get(DEMO_SITE_ID);
      if (existing) return existing;
      try {
        return await insert(DEMO_SITE_ID, {
          name: 'ShareStack demo',
          origins: ['*'],
          settings: { allow_guests: true, reaction_set: [...LIVE_REACTION_SET] },
        });
      } catch (err) {
        // Another process started at the same moment and won the insert.
        const raced = await get(DEMO_SITE_ID);
        if (raced) return raced;
        throw err;
      }
    },
  };
}

export type SitesService = ReturnType<typeof createSitesService>;
