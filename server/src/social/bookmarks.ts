import { type Bookmark, type BookmarkCollection, type BookmarkStatus, ErrorCode } from '@sharestack/protocol';
import type { CreateBookmarkBody, UpdateBookmarkBody } from '@sharestack/protocol/schemas';
import type { z } from 'zod';
import { recordActivity, removeActivities } from '../activity/record.js';
import { upsertUser } from '../auth/users.js';
import { ensureContent, findContent } from '../comments/contents.js';
import type { Events } from '../events.js';
import type { Principal } from '../http/env.js';
import { notFound } from '../http/problem.js';
import { nowIso } from '../ids.js';
import type { SiteRecord } from '../sites/service.js';
import type { Store } from '../store/database.js';
import { type Db, transaction } from '../store/db.js';
import { type Paging, pageOf, pageStart } from './cursor.js';
import { type SocialOptions, wireActivity } from './shared.js';

type CreateInput = z.output<typeof CreateBookmarkBody>;
type UpdateInput = z.output<typeof UpdateBookmarkBody>;

const LIST = 'bookmarks';
export const DEFAULT_COLLECTION = 'default';

const selectBookmarks = (db: Db, siteId: string, userId: string) =>
  db
    .selectFrom('bookmarks as b')
    .innerJoin('contents as c', 'c.id', 'b.content_ref')
    .select([
      'b.id',
      'b.user_id',
      'c.key',
      'b.collection_name',
      'b.notes',
      'c.title',
      'c.url',
      'b.created_at',
      'b.updated_at',
    ])
    .where('b.site_id', '=', siteId)
    .where('b.user_id', '=', userId);

type Row = Awaited<ReturnType<ReturnType<typeof selectBookmarks>['executeTakeFirstOrThrow']>>;

const toBookmark = (r: Row): Bookmark => ({
  id: String(r.id),
  user_id: r.user_id,
  content_id: r.key,
  collection_name: r.collection_name,
  notes: r.notes,
  content_title: r.title,
  content_url: r.url,
  created_at: r.created_at,
  updated_at: r.updated_at,
});

export function createBookmarks({ db }: Store, events: Events, opts: SocialOptions) {
  async function one(tx: Db, siteId: string, userId: string, contentKey: string): Promise<Bookmark | null> {
    const row = await selectBookmarks(tx, siteId, userId).where('c.key', '=', contentKey).executeTakeFirst();
    return row ? toBookmark(row) : null;
  }

  return {
    /** Bookmarks a content key, or updates the existing bookmark's collection and notes. */
    async save(
      site: SiteRecord,
      viewer: Principal,
      input: CreateInput,
    ): Promise<{ bookmark: Bookmark; created: boolean }> {
      const result = await transaction(db, async (tx) => {
        await upsertUser(tx, site.id, viewer);
        const content = await ensureContent(tx, site, input.content_id, {
          url: input.content_url,
          title: input.content_title,
        });
        const now = nowIso();
        const inserted = await tx
          .insertInto('bookmarks')
          .values({
            site_id: site.id,
            user_id: viewer.id,
            content_ref: Number(content.id),
            collection_name: input.collection_name ?? DEFAULT_COLLECTION,
            notes: input.notes ?? null,
            created_at: now,
            updated_at: now,
          })
          .onConflict((oc) => oc.columns(['site_id', 'user_id', 'content_ref']).doNothing())
          .returning('id')
          .executeTakeFirst();
        let activity = null;
        if (inserted) {
          activity = await recordActivity(
            tx,
            site.id,
            viewer.id,
            'bookmarked',
            { target_type: 'content', target_id: input.content_id },
            opts,
          );
        } else if (input.collection_name !== undefined || input.notes !== undefined) {
          await tx
            .updateTable('bookmarks')
            .set({
              updated_at: now,
              ...(input.collection_name !== undefined ? { collection_name: input.collection_name } : {}),
              ...(input.notes !== undefined ? { notes: input.notes } : {}),
            })
            .where('site_id', '=', site.id)
            .where('user_id', '=', viewer.id)
            .where('content_ref', '=', Number(content.id))
            .execute();
        }
        const bookmark = (await one(tx, site.id, viewer.id, input.content_id))!;
        return { bookmark, created: inserted !== undefined, activity };
      });
      if (result.activity) await wireActivity(db, events, result.activity);
      return { bookmark: result.bookmark, created: result.created };
    },

    async get(site: SiteRecord, viewer: Principal, contentKey: string): Promise<BookmarkStatus> {
      return { content_id: contentKey, bookmark: await one(db, site.id, viewer.id, contentKey) };
    },

    /** Moves a bookmark to another collection and/or edits its notes. */
    async update(
      site: SiteRecord,
      viewer: Principal,
      contentKey: string,
      input: UpdateInput,
    ): Promise<Bookmark> {
      return transaction(db, async (tx) => {
        const content = await findContent(tx, site.id, contentKey);
        const changed = content
          ? await tx
              .updateTable('bookmarks')
              .set({
                updated_at: nowIso(),
                ...(input.collection_name !== undefined ? { collection_name: input.collection_name } : {}),
                ...(input.notes !== undefined ? { notes: input.notes } : {}),
              })
              .where('site_id', '=', site.id)
              .where('user_id', '=', viewer.id)
              .where('content_ref', '=', Number(content.id))
              .returning('id')
              .executeTakeFirst()
          : undefined;
        if (!changed) throw notFound(ErrorCode.BookmarkNotFound, 'You have not bookmarked this content.');
        return (await one(tx, site.id, viewer.id, contentKey))!;
      });
    },

    /** Removes a bookmark; removing one that does not exist changes nothing. */
    async remove(site: SiteRecord, viewer: Principal, contentKey: string): Promise<BookmarkStatus> {
      await transaction(db, async (tx) => {
        const content = await findContent(tx, site.id, contentKey);
        if (!content) return;
        const removed = await tx
          .deleteFrom('bookmarks')
          .where('site_id', '=', site.id)
          .where('user_id', '=', viewer.id)
          .where('content_ref', '=', Number(content.id))
          .returning('id')
          .executeTakeFirst();
        if (removed) {
          await removeActivities(tx, site.id, viewer.id, 'bookmarked', {
            target_type: 'content',
            target_id: contentKey,
          });
        }
      });
      return { content_id: contentKey, bookmark: null };
    },

    async list(
      site: SiteRecord,
      viewer: Principal,
      q: Paging & { collection_name?: string | undefined },
    ): Promise<{ items: Bookmark[]; next_cursor: string | null }> {
      const { before, offset } = pageStart(LIST, q);
      let query = selectBookmarks(db, site.id, viewer.id)
        .orderBy('b.id', 'desc')
        .limit(q.limit + 1);
      if (q.collection_name !== undefined) query = query.where('b.collection_name', '=', q.collection_name);
      if (before !== null) query = query.where('b.id', '<', before);
      else if (offset > 0) query = query.offset(offset);
      return pageOf(LIST, await query.execute(), q.limit, (r) => Number(r.id), toBookmark);
    },

    async collections(
      site: SiteRecord,
      viewer: Principal,
    ): Promise<{ items: BookmarkCollection[]; next_cursor: null }> {
      const rows = await db
        .selectFrom('bookmarks')
        .select((eb) => ['collection_name', eb.fn.countAll<number>().as('n')])
        .where('site_id', '=', site.id)
        .where('user_id', '=', viewer.id)
        .groupBy('collection_name')
        .orderBy('collection_name')
        .execute();
      return {
        items: rows.map((r) => ({ collection_name: r.collection_name, count: Number(r.n) })),
        next_cursor: null,
      };
    },
  };
}
