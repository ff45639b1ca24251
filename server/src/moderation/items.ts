import type { Comment, ModerationItem, ModerationPriority, ModerationVerdict } from '@sharestack/protocol';
import type { Selectable } from 'kysely';
import { decorate, toComment } from '../comments/serialize.js';
import { nowIso, wireId } from '../ids.js';
import { type Db, inChunks } from '../store/db.js';
import { prepared } from '../store/prepared.js';
import type { ModerationItemsTable } from '../store/schema.js';

export type ItemRow = Selectable<ModerationItemsTable>;

/** The seed's priority scores: the queue serves higher ranks first, oldest first within one. */
export const PRIORITY_RANK: Record<ModerationPriority, number> = {
  urgent: 100,
  high: 75,
  normal: 50,
  low: 25,
};
const byRank = (rank: number): ModerationPriority =>
  (Object.entries(PRIORITY_RANK).find(([, r]) => r === rank)?.[0] as ModerationPriority) ?? 'normal';

export interface Enqueue {
  /** The comment was written in this transaction: it cannot have an item yet. */
  fresh?: boolean;
  siteId: string;
  commentId: number;
  contentRef: number;
  userId: string;
  priority: ModerationPriority;
  reasons: string[];
  verdict?: ModerationVerdict | null;
  reportDelta?: number;
}

// Every held comment runs it: compiled once.
const insertItem = prepared((db, p: Omit<ItemRow, 'id'>) =>
  db.insertInto('moderation_items').values(p).returningAll(),
);

/**
 * Puts a comment in the queue, or back in it. One row per comment: a pending item only ever
 * rises in priority and gathers reasons; a resolved one reopens with the new reasons.
 */
export async function enqueue(tx: Db, e: Enqueue): Promise<ItemRow> {
  const now = nowIso();
  const existing = e.fresh
    ? undefined
    : await tx
        .selectFrom('moderation_items')
        .selectAll()
        .where('site_id', '=', e.siteId)
        .where('comment_id', '=', e.commentId)
        .executeTakeFirst();
  const rank = PRIORITY_RANK[e.priority];
  if (!existing) {
    const { rows } = await insertItem(tx, {
      site_id: e.siteId,
      comment_id: e.commentId,
      content_ref: e.contentRef,
      user_id: e.userId,
      priority: e.priority,
      priority_rank: rank,
      status: 'pending',
      reasons: JSON.stringify(e.reasons),
      verdict: e.verdict ? JSON.stringify(e.verdict) : null,
      report_count: e.reportDelta ?? 0,
      assigned_to: null,
      lease_expires_at: null,
      resolution: null,
      resolved_by: null,
      created_at: now,
      updated_at: now,
    });
    return rows[0]!;
  }
  const pending = existing.status === 'pending';
  const newRank = pending ? Math.max(rank, Number(existing.priority_rank)) : rank;
  const reasons = pending
    ? [...new Set([...(JSON.parse(existing.reasons) as string[]), ...e.reasons])]
    : e.reasons;
  return tx
    .updateTable('moderation_items')
    .set({
      status: 'pending',
      priority: byRank(newRank),
      priority_rank: newRank,
      reasons: JSON.stringify(reasons),
      verdict: e.verdict ? JSON.stringify(e.verdict) : existing.verdict,
      report_count: Number(existing.report_count) + (e.reportDelta ?? 0),
      resolution: null,
      resolved_by: null,
      ...(pending ? {} : { assigned_to: null, lease_expires_at: null }),
      updated_at: now,
    })
    .where('id', '=', existing.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Items as moderators see them, each with its comment as it is now. */
export async function presentItems(db: Db, siteId: string, rows: ItemRow[]): Promise<ModerationItem[]> {
  const ids = rows.map((r) => Number(r.comment_id));
  const comments = await inChunks(ids, (chunk) =>
    db
      .selectFrom('comments as c')
      .innerJoin('contents as t', 't.id', 'c.content_ref')
      .leftJoin('users as u', (j) => j.onRef('u.site_id', '=', 'c.site_id').onRef('u.id', '=', 'c.user_id'))
      .selectAll('c')
      .select([
        't.key as content_key',
        'u.name as author_name',
        'u.avatar_url as author_avatar',
        'u.is_guest as author_is_guest',
      ])
      .where('c.site_id', '=', siteId)
      .where('c.id', 'in', chunk)
      .execute(),
  );
  const reasons = await inChunks(ids, (chunk) =>
    db
      .selectFrom('moderation_reports')
      .select((eb) => ['comment_id', 'reason', eb.fn.countAll<number>().as('n')])
      .where('site_id', '=', siteId)
      .where('comment_id', 'in', chunk)
      .groupBy(['comment_id', 'reason'])
      .execute(),
  );
  const d = await decorate(db, siteId, null, comments);
  const byId = new Map(comments.map((c) => [Number(c.id), c]));
  return rows.map((r) => {
    const c = byId.get(Number(r.comment_id));
    const reportReasons: Record<string, number> = {};
    for (const x of reasons)
      if (Number(x.comment_id) === Number(r.comment_id)) reportReasons[x.reason] = Number(x.n);
    return toItem(r, c ? toComment(c, c.content_key, d) : null, reportReasons);
  });
}

/**
 * The item of a comment just written and queued in one transaction, with that comment as
 * everyone but its author sees it: nobody can have reacted to it or reported it yet.
 */
export function presentNewItem(row: ItemRow, created: Comment): ModerationItem {
  return toItem(row, { ...created, my_reaction: null }, {});
}

function toItem(r: ItemRow, comment: Comment | null, reportReasons: Record<string, number>): ModerationItem {
  return {
    id: wireId(r.id),
    comment_id: wireId(r.comment_id),
    content_id: comment?.content_id ?? '',
    user_id: r.user_id,
    priority: r.priority as ModerationPriority,
    status: r.status,
    reasons: JSON.parse(r.reasons) as string[],
    verdict: r.verdict ? (JSON.parse(r.verdict) as ModerationVerdict) : null,
    report_count: Number(r.report_count),
    report_reasons: reportReasons,
    assigned_to: r.assigned_to,
    lease_expires_at: r.lease_expires_at,
    resolution: (r.resolution as ModerationItem['resolution']) ?? null,
    resolved_by: r.resolved_by,
    created_at: r.created_at,
    updated_at: r.updated_at,
    comment,
  };
}
