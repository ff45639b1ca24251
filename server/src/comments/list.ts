import { type Comment, type CommentThread, ErrorCode } from '@sharestack/protocol';
import type { ListCommentsQuery } from '@sharestack/protocol/schemas';
import type { z } from 'zod';
import { notFound } from '../http/problem.js';
import { parseId } from '../ids.js';
import type { Db } from '../store/db.js';
import type { ContentRow } from '../store/schema.js';
import { type decodeCursor, encodeCursor } from './cursor.js';
import {
  type AuthoredRow,
  descendantsOf,
  getComment,
  repliesOf,
  sortKey,
  topLevelPage,
  type Visibility,
} from './queries.js';
import { decorate, nest, toComment } from './serialize.js';

export type ListQuery = z.output<typeof ListCommentsQuery>;

/** A whole subtree is still bounded so one request cannot ask for an unbounded response. */
const SUBTREE_CAP = 10_000;

/** A page of top-level comments on a content key, each with its reply tree. */
export async function listThread(
  db: Db,
  siteId: string,
  contentKey: string,
  content: ContentRow | undefined,
  v: Visibility,
  q: ListQuery,
  after: ReturnType<typeof decodeCursor> | null,
): Promise<CommentThread> {
  if (!content) {
    if (q.root) throw notFound(ErrorCode.CommentNotFound, 'There is no such comment on this content.');
    return { items: [], next_cursor: null, total_count: 0, sort: q.sort };
  }
  const total_count = Number(content.comment_count);
  const contentRef = Number(content.id);

  if (q.root) {
    const item = await subtree(db, siteId, contentKey, contentRef, v, q.root);
    return { items: [item], next_cursor: null, total_count, sort: q.sort };
  }

  const rows = await topLevelPage(db, siteId, v, {
    contentRef,
    sort: q.sort,
    limit: q.limit,
    after,
    offset: q.page ? (q.page - 1) * q.limit : 0,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const next_cursor =
    rows.length > q.limit && last
      ? encodeCursor(q.sort, { key: sortKey(q.sort, last), id: Number(last.id) })
      : null;

  const rootIds = page.map((r) => Number(r.id));
  const replies = q.replies ? await repliesOf(db, siteId, v, rootIds, q.replies_limit) : [];
  const d = await decorate(db, siteId, v.viewerId, [...page, ...replies]);
  const items = page.map((r) => toComment(r, contentKey, d));
  nest(items, replies, contentKey, d);

  const totals = new Map<number, { sent: number; total: number }>();
  for (const r of replies) {
    const root = Number(r.root_comment_id);
    const t = totals.get(root) ?? { sent: 0, total: r.root_total };
    t.sent += 1;
    totals.set(root, t);
  }
  for (const [i, item] of items.entries()) {
    const row = page[i]!;
    const t = totals.get(Number(row.id));
    const repliesSent = q.replies && q.replies_limit > 0;
    item.has_more_replies = repliesSent ? (t ? t.sent < t.total : false) : Number(row.reply_count) > 0;
  }
  return { items, next_cursor, total_count, sort: q.sort };
}

async function subtree(
  db: Db,
  siteId: string,
  contentKey: string,
  contentRef: number,
  v: Visibility,
  rawId: string,
): Promise<Comment> {
  const id = parseId(rawId);
  const row = id === null ? undefined : await getComment(db, siteId, id);
  if (!row || Number(row.content_ref) !== contentRef || !canSee(row, v)) {
    throw notFound(ErrorCode.CommentNotFound, 'There is no such comment on this content.');
  }
  const rows = await descendantsOf(db, siteId, v, row, SUBTREE_CAP + 1);
  const sent = rows.slice(0, SUBTREE_CAP);
  const d = await decorate(db, siteId, v.viewerId, [row, ...sent]);
  const item = toComment(row, contentKey, d);
  nest([item], sent, contentKey, d);
  item.has_more_replies = rows.length > SUBTREE_CAP;
  return item;
}

export function canSee(row: AuthoredRow | { is_approved: number; user_id: string }, v: Visibility): boolean {
  return row.is_approved === 1 || v.moderator || (v.viewerId !== null && row.user_id === v.viewerId);
}
