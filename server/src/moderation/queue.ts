import {
  ErrorCode,
  MODERATION_LEASE_SECONDS,
  type ModerationItem,
  type ModerationQueue,
} from '@sharestack/protocol';
import type { ModerationQueueQuery } from '@sharestack/protocol/schemas';
import type { z } from 'zod';
import { ProblemError } from '../http/problem.js';
import { nowIso, parseId } from '../ids.js';
import type { Db } from '../store/db.js';
import { itemMissing } from './actions.js';
import { decodeKeys, encodeKeys } from './cursor.js';
import { type ItemRow, presentItems } from './items.js';

/**
 * A page of the queue, most pressing first, with the pending count of each priority. Here and
 * below, the caller has checked the viewer is a moderator.
 */
export async function listQueue(
  db: Db,
  siteId: string,
  q: z.output<typeof ModerationQueueQuery>,
): Promise<ModerationQueue> {
  let qb = db
    .selectFrom('moderation_items')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('status', '=', q.status);
  if (q.priority) qb = qb.where('priority', '=', q.priority);
  if (q.cursor) {
    const [rank, id] = decodeKeys(q.cursor, ['rank', 'id']);
    qb = qb.where((eb) =>
      eb.or([eb('priority_rank', '<', rank), eb.and([eb('priority_rank', '=', rank), eb('id', '>', id)])]),
    );
  }
  const rows = await qb
    .orderBy('priority_rank', 'desc')
    .orderBy('id', 'asc')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const counts = await db
    .selectFrom('moderation_items')
    .select((eb) => ['priority', eb.fn.countAll<number>().as('n')])
    .where('site_id', '=', siteId)
    .where('status', '=', 'pending')
    .groupBy('priority')
    .execute();
  return {
    items: await presentItems(db, siteId, page),
    next_cursor:
      rows.length > q.limit && last ? encodeKeys([Number(last.priority_rank), Number(last.id)]) : null,
    counts: Object.fromEntries(counts.map((c) => [c.priority, Number(c.n)])),
  };
}

const itemRow = (db: Db, siteId: string, id: number) =>
  db
    .selectFrom('moderation_items')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('id', '=', id)
    .executeTakeFirst();

const presentOne = async (db: Db, siteId: string, row: ItemRow) =>
  (await presentItems(db, siteId, [row]))[0]!;

export async function readItem(db: Db, siteId: string, rawId: string): Promise<ModerationItem> {
  const id = parseId(rawId);
  const row = id === null ? undefined : await itemRow(db, siteId, id);
  if (!row) throw itemMissing();
  return presentOne(db, siteId, row);
}

/** Takes an item for 30 minutes; nobody else can act on it meanwhile. */
export async function claimItem(
  db: Db,
  siteId: string,
  moderatorId: string,
  rawId: string,
): Promise<ModerationItem> {
  const id = parseId(rawId);
  if (id === null) throw itemMissing();
  const row = await tryClaim(db, siteId, moderatorId, id);
  if (row) return presentOne(db, siteId, row);
  const existing = await itemRow(db, siteId, id);
  if (!existing) throw itemMissing();
  if (existing.status !== 'pending')
    throw new ProblemError(409, ErrorCode.Conflict, 'That item is already resolved.');
  throw new ProblemError(
    409,
    ErrorCode.ItemLeased,
    `Another moderator (${existing.assigned_to}) holds this item.`,
  );
}

/** The seed's get_next_moderation_item: the most pressing unclaimed item, claimed for the caller. */
export async function nextItem(db: Db, siteId: string, moderatorId: string): Promise<ModerationItem | null> {
  const now = nowIso();
  const held = await db
    .selectFrom('moderation_items')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('status', '=', 'pending')
    .where('assigned_to', '=', moderatorId)
    .where('lease_expires_at', '>', now)
    .orderBy('priority_rank', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (held) return presentOne(db, siteId, held);
  for (let attempt = 0; attempt < 5; attempt++) {
    const candidate = await db
      .selectFrom('moderation_items')
      .select('id')
      .where('site_id', '=', siteId)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('assigned_to', 'is', null), eb('lease_expires_at', '<=', now)]))
      .orderBy('priority_rank', 'desc')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (!candidate) return null;
    const row = await tryClaim(db, siteId, moderatorId, Number(candidate.id));
    if (row) return presentOne(db, siteId, row);
  }
  return null;
}

/** Gives up the moderator's lease on an item, if they hold it. */
export async function releaseItem(db: Db, siteId: string, moderatorId: string, rawId: string): Promise<void> {
  const id = parseId(rawId);
  if (id === null) throw itemMissing();
  await db
    .updateTable('moderation_items')
    .set({ assigned_to: null, lease_expires_at: null, updated_at: nowIso() })
    .where('site_id', '=', siteId)
    .where('id', '=', id)
    .where('assigned_to', '=', moderatorId)
    .execute();
}

async function tryClaim(
  db: Db,
  siteId: string,
  moderatorId: string,
  id: number,
): Promise<ItemRow | undefined> {
  const now = nowIso();
  const until = new Date(Date.now() + MODERATION_LEASE_SECONDS * 1000).toISOString();
  return db
    .updateTable('moderation_items')
    .set({ assigned_to: moderatorId, lease_expires_at: until, updated_at: now })
    .where('site_id', '=', siteId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where((eb) =>
      eb.or([
        eb('assigned_to', 'is', null),
        eb('assigned_to', '=', moderatorId),
        eb('lease_expires_at', '<=', now),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
}
