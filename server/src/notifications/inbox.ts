import { ErrorCode, type MarkReadResult, type NotificationList } from '@sharestack/protocol';
import type { ArchiveBody, ListNotificationsQuery, MarkReadBody } from '@sharestack/protocol/schemas';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { Events } from '../events.js';
import { ProblemError } from '../http/problem.js';
import type { Db } from '../store/db.js';
import type { Database } from '../store/schema.js';
import { unreadCountEvent } from './persist.js';
import { groupQuery, presentGroups, unreadCounts } from './present.js';

const invalidCursor = () =>
  new ProblemError(400, ErrorCode.InvalidCursor, 'The cursor is not one this server issued for the inbox.');

function encodeCursor(updatedAt: string, id: number) {
  return Buffer.from(JSON.stringify(['inbox', updatedAt, id])).toString('base64url');
}

function decodeCursor(raw: string): { at: string; id: number } {
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) throw invalidCursor();
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (
    !Array.isArray(v) ||
    v.length !== 3 ||
    v[0] !== 'inbox' ||
    typeof v[1] !== 'string' ||
    !/^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(v[1]) ||
    typeof v[2] !== 'number' ||
    !Number.isSafeInteger(v[2]) ||
    v[2] < 1
  ) {
    throw invalidCursor();
  }
  return { at: v[1], id: v[2] };
}

/** Newest first by when an item was last added to; filters as in the seed. */
export async function listInbox(
  db: Db,
  siteId: string,
  userId: string,
  q: z.output<typeof ListNotificationsQuery>,
): Promise<NotificationList> {
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const rows = await groupQuery(db, siteId)
    .where('g.user_id', '=', userId)
    .where('g.is_archived', '=', q.archived ? 1 : 0)
    .$if(q.is_read !== undefined, (b) => b.where('g.is_read', '=', q.is_read ? 1 : 0))
    .$if(q.type !== undefined, (b) => b.where('g.notification_type', '=', q.type!))
    .$if(after !== null, (b) =>
      b.where((eb) =>
        eb.or([
          eb('g.updated_at', '<', after!.at),
          eb.and([eb('g.updated_at', '=', after!.at), eb('g.id', '<', after!.id)]),
        ]),
      ),
    )
    .orderBy('g.updated_at', 'desc')
    .orderBy('g.id', 'desc')
    .limit(q.limit + 1)
    .$if(!after && q.page !== undefined, (b) => b.offset((q.page! - 1) * q.limit))
    .execute();
  const more = rows.length > q.limit;
  const kept = more ? rows.slice(0, q.limit) : rows;
  const last = kept.at(-1);
  return {
    items: await presentGroups(db, siteId, kept),
    next_cursor: more && last ? encodeCursor(last.updated_at, Number(last.id)) : null,
  };
}

export async function unreadCount(db: Db, siteId: string, userId: string): Promise<number> {
  return (await unreadCounts(db, siteId, [userId])).get(userId) ?? 0;
}

/** Items of `userId` among `ids` (someone else's ids are simply not theirs to change). */
async function owned(tx: Db, siteId: string, userId: string, ids: string[]) {
  const rows = await tx
    .selectFrom('notification_groups')
    .select('id')
    .where('site_id', '=', siteId)
    .where('user_id', '=', userId)
    .where(
      'id',
      'in',
      ids.map((i) => Number(i)),
    )
    .execute();
  return rows.map((r) => Number(r.id));
}

/**
 * Read-state changes run in one transaction with the `unread_count` event they cause, so the
 * user's other tabs and devices hear of them exactly when they are true.
 */
export function inboxWrites(db: Kysely<Database>, events: Events) {
  async function change(
    siteId: string,
    userId: string,
    fn: (tx: Transaction<Database>) => Promise<number>,
  ): Promise<MarkReadResult> {
    return events.transaction(db, async (tx, record) => {
      const updated = await fn(tx);
      const unread = await unreadCount(tx, siteId, userId);
      if (updated > 0) {
        await record('notifications.published', { siteId, events: [unreadCountEvent(userId, unread)] });
      }
      return { updated, unread_count: unread };
    });
  }

  async function setRead(tx: Transaction<Database>, ids: number[], read: boolean) {
    if (ids.length === 0) return 0;
    const r = await tx
      .updateTable('notification_groups')
      .set({ is_read: read ? 1 : 0 })
      .where('id', 'in', ids)
      .where('is_read', '=', read ? 0 : 1)
      .executeTakeFirst();
    await tx
      .updateTable('notifications')
      .set({ is_read: read ? 1 : 0 })
      .where('group_id', 'in', ids)
      .execute();
    return Number(r.numUpdatedRows);
  }

  return {
    markRead(siteId: string, userId: string, body: z.output<typeof MarkReadBody>) {
      return change(siteId, userId, async (tx) => {
        if ('all' in body) {
          const ids = await tx
            .selectFrom('notification_groups')
            .select('id')
            .where('site_id', '=', siteId)
            .where('user_id', '=', userId)
            .where('is_read', '=', 0)
            .$if(body.type !== undefined, (q) => q.where('notification_type', '=', body.type!))
            .execute();
          let n = 0;
          const list = ids.map((r) => Number(r.id));
          for (let i = 0; i < list.length; i += 500) n += await setRead(tx, list.slice(i, i + 500), true);
          return n;
        }
        return setRead(tx, await owned(tx, siteId, userId, body.notification_ids), body.is_read);
      });
    },

    archive(siteId: string, userId: string, body: z.output<typeof ArchiveBody>) {
      return change(siteId, userId, async (tx) => {
        const ids = await owned(tx, siteId, userId, body.notification_ids);
        if (ids.length === 0) return 0;
        const r = await tx
          .updateTable('notification_groups')
          .set({ is_archived: body.archived ? 1 : 0 })
          .where('id', 'in', ids)
          .where('is_archived', '=', body.archived ? 0 : 1)
          .executeTakeFirst();
        return Number(r.numUpdatedRows);
      });
    },

    async remove(siteId: string, userId: string, id: string): Promise<{ unread_count: number }> {
      const r = await change(siteId, userId, async (tx) => {
        const ids = await owned(tx, siteId, userId, [id]);
        if (ids.length === 0) {
          throw new ProblemError(404, ErrorCode.NotificationNotFound, 'You have no such notification.');
        }
        // The rows go with the item: deleting is the user's "I never want to see this".
        await tx.deleteFrom('notifications').where('group_id', 'in', ids).execute();
        await tx.deleteFrom('notification_groups').where('id', 'in', ids).execute();
        return 1;
      });
      return { unread_count: r.unread_count };
    },
  };
}
