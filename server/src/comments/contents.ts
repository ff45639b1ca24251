import { badRequest } from '../http/problem.js';
import { nowIso } from '../ids.js';
import type { SiteRecord } from '../sites/service.js';
import type { Db } from '../store/db.js';
import { prepared } from '../store/prepared.js';
import type { ContentRow } from '../store/schema.js';

// Every thread read and every write starts here: compiled once, run with fresh values.
const contentQuery = prepared((db, p: { siteId: string; key: string }) =>
  db.selectFrom('contents').selectAll().where('site_id', '=', p.siteId).where('key', '=', p.key),
);

export async function findContent(db: Db, siteId: string, key: string) {
  const { rows } = await contentQuery(db, { siteId, key });
  return rows[0];
}

/**
 * A content's URL is where its notifications, emails and shares send people, recorded from the
 * first writer who gives one: it must be a page of the site (one of its origins, unless the site
 * allows any), or anyone could point a thread's every notification at a page of their own.
 */
function checkContentUrl(site: Pick<SiteRecord, 'origins'>, url: string) {
  if (site.origins.includes('*')) return;
  let origin: string | null = null;
  try {
    origin = new URL(url).origin;
  } catch {
    // Refused below, as a URL of no origin.
  }
  if (origin === null || !site.origins.includes(origin)) {
    throw badRequest('The content URL is not a page of this site.', [
      { path: 'content_url', message: `must be on one of the site's origins (${site.origins.join(', ')})` },
    ]);
  }
}

/** Content rows appear the first time someone comments on or reacts to a key. */
export async function ensureContent(
  db: Db,
  site: Pick<SiteRecord, 'id' | 'origins'>,
  key: string,
  meta: { url?: string | undefined; title?: string | undefined } = {},
): Promise<ContentRow> {
  if (meta.url !== undefined) checkContentUrl(site, meta.url);
  const siteId = site.id;
  // Nearly every write is to content that exists: one read, and the insert only when it is not.
  const existing = await findContent(db, siteId, key);
  const row = existing ?? (await insertContent(db, siteId, key, meta));
  if ((meta.url && !row.url) || (meta.title && !row.title)) {
    const filled = { url: row.url ?? meta.url ?? null, title: row.title ?? meta.title ?? null };
    await db.updateTable('contents').set(filled).where('id', '=', row.id).execute();
    // The row as it now is: callers show the title and url the first writer supplied.
    return { ...row, ...filled };
  }
  return row;
}

/** A writer that lost the race to create the row reads the winner's. */
async function insertContent(
  db: Db,
  siteId: string,
  key: string,
  meta: { url?: string | undefined; title?: string | undefined },
): Promise<ContentRow> {
  await db
    .insertInto('contents')
    .values({
      site_id: siteId,
      key,
      url: meta.url ?? null,
      title: meta.title ?? null,
      comment_count: 0,
      reaction_count: 0,
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(['site_id', 'key']).doNothing())
    .execute();
  const row = await findContent(db, siteId, key);
  if (!row) throw new Error(`content ${key} vanished after insert`);
  return row;
}
