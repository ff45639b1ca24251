import type { CommentModerationStatus, CommentSort } from '@sharestack/protocol';
import { type ExpressionBuilder, sql } from 'kysely';
import { type Db, inChunks } from '../store/db.js';
import type { CommentRow, Database } from '../store/schema.js';
import type { CursorPosition } from './cursor.js';

export interface AuthoredRow extends CommentRow {
  author_name: string | null;
  author_avatar: string | null;
  author_is_guest: number | null;
}

export interface ReplyRow extends AuthoredRow {
  root_total: number;
}

/** Who sees what: approved comments for all, one's own pending ones, everything for moderators. */
export interface Visibility {
  viewerId: string | null;
  moderator: boolean;
}

type CommentsEb = ExpressionBuilder<Database & { c: Database['comments'] }, 'c'>;

function visible(eb: CommentsEb, v: Visibility) {
  // A literal, not a bound `true`: better-sqlite3 cannot bind booleans.
  if (v.moderator) return sql<boolean>`1 = 1`;
  if (!v.viewerId) return eb('c.is_approved', '=', 1);
  return eb.or([eb('c.is_approved', '=', 1), eb('c.user_id', '=', v.viewerId)]);
}

const SORT_COLUMN = {
  new: 'c.id',
  old: 'c.id',
  top: 'c.like_count',
  best: 'c.best_score',
  hot: 'c.hot_score',
  controversial: 'c.controversial_score',
} as const;

export function sortKey(sort: CommentSort, row: CommentRow): number {
  const col = SORT_COLUMN[sort].slice(2) as keyof CommentRow;
  return Number(row[col]);
}

function authored(db: Db) {
  return db
    .selectFrom('comments as c')
    .leftJoin('users as u', (j) => j.onRef('u.site_id', '=', 'c.site_id').onRef('u.id', '=', 'c.user_id'))
    .selectAll('c')
    .select(['u.name as author_name', 'u.avatar_url as author_avatar', 'u.is_guest as author_is_guest']);
}

export function getComment(db: Db, siteId: string, id: number): Promise<AuthoredRow | undefined> {
  return authored(db).where('c.site_id', '=', siteId).where('c.id', '=', id).executeTakeFirst();
}

export interface PageRequest {
  contentRef: number;
  sort: CommentSort;
  limit: number;
  after: CursorPosition | null;
  offset: number;
}

/** One page of top-level comments, as an index scan on (content, depth, sort column, id). */
export function topLevelPage(db: Db, siteId: string, v: Visibility, p: PageRequest): Promise<AuthoredRow[]> {
  const col = SORT_COLUMN[p.sort];
  const ascending = p.sort === 'old';
  let q = authored(db)
    .where('c.site_id', '=', siteId)
    .where('c.content_ref', '=', p.contentRef)
    .where('c.depth', '=', 0)
    .where((eb) => visible(eb, v));
  const after = p.after;
  if (after) {
    q = q.where((eb) => {
      if (col === 'c.id') return eb('c.id', ascending ? '>' : '<', after.id);
      return eb.or([eb(col, '<', after.key), eb.and([eb(col, '=', after.key), eb('c.id', '<', after.id)])]);
    });
  }
  if (col !== 'c.id') q = q.orderBy(col, 'desc');
  q = q.orderBy('c.id', ascending ? 'asc' : 'desc').limit(p.limit + 1);
  if (!after && p.offset > 0) q = q.offset(p.offset);
  return q.execute();
}

/**
 * Replies under the given top-level comments in tree order (materialised path), at most
 * `perRoot` each, with the number each root has in total.
 */
export async function repliesOf(
  db: Db,
  siteId: string,
  v: Visibility,
  rootIds: number[],
  perRoot: number,
): Promise<ReplyRow[]> {
  if (rootIds.length === 0 || perRoot <= 0) return [];
  return inChunks(
    rootIds,
    (chunk) => {
      const ranked = db
        .selectFrom('comments as c')
        .selectAll('c')
        .select((eb) => [
          eb.fn
            .agg<number>('row_number')
            .over((o) => o.partitionBy('c.root_comment_id').orderBy('c.path'))
            .as('rn'),
          eb.fn
            .countAll<number>()
            .over((o) => o.partitionBy('c.root_comment_id'))
            .as('root_total'),
        ])
        .where('c.site_id', '=', siteId)
        .where('c.root_comment_id', 'in', chunk)
        .where((eb) => visible(eb, v));
      return db
        .selectFrom(ranked.as('t'))
        .leftJoin('users as u', (j) => j.onRef('u.site_id', '=', 't.site_id').onRef('u.id', '=', 't.user_id'))
        .selectAll('t')
        .select(['u.name as author_name', 'u.avatar_url as author_avatar', 'u.is_guest as author_is_guest'])
        .where('t.rn', '<=', perRoot)
        .orderBy('t.root_comment_id')
        .orderBy('t.path')
        .execute();
    },
    50,
  ).then((rows) => rows.map((r) => ({ ...r, root_total: Number(r.root_total) })));
}

/** A comment's descendants (its subtree), by path range: every descendant's path extends its own. */
export function descendantsOf(
  db: Db,
  siteId: string,
  v: Visibility,
  root: CommentRow,
  cap: number,
): Promise<AuthoredRow[]> {
  const rootId = root.root_comment_id ?? root.id;
  // '/' sorts just below '0', so [path, path-with-last-'/'-as-'0') holds exactly the descendants.
  const upper = `${root.path.slice(0, -1)}0`;
  return authored(db)
    .where('c.site_id', '=', siteId)
    .where('c.root_comment_id', '=', rootId)
    .where('c.path', '>', root.path)
    .where('c.path', '<', upper)
    .where((eb) => visible(eb, v))
    .orderBy('c.path')
    .limit(cap)
    .execute();
}

export async function reactionCounts(
  db: Db,
  siteId: string,
  targetType: string,
  ids: number[],
): Promise<Map<number, Record<string, number>>> {
  const rows = await inChunks(ids, (chunk) =>
    db
      .selectFrom('reaction_counts')
      .select(['target_id', 'reaction_type', 'count'])
      .where('site_id', '=', siteId)
      .where('target_type', '=', targetType)
      .where('target_id', 'in', chunk)
      .where('count', '>', 0)
      .execute(),
  );
  const out = new Map<number, Record<string, number>>();
  for (const r of rows) {
    const id = Number(r.target_id);
    const counts = out.get(id) ?? {};
    counts[r.reaction_type] = Number(r.count);
    out.set(id, counts);
  }
  return out;
}

export async function myReactions(
  db: Db,
  siteId: string,
  userId: string | null,
  targetType: string,
  ids: number[],
): Promise<Map<number, string>> {
  if (!userId) return new Map();
  const rows = await inChunks(ids, (chunk) =>
    db
      .selectFrom('reactions')
      .select(['target_id', 'reaction_type'])
      .where('site_id', '=', siteId)
      .where('user_id', '=', userId)
      .where('target_type', '=', targetType)
      .where('target_id', 'in', chunk)
      .execute(),
  );
  return new Map(rows.map((r) => [Number(r.target_id), r.reaction_type]));
}

export async function mentionsOf(db: Db, ids: number[]): Promise<Map<number, string[]>> {
  const rows = await inChunks(ids, (chunk) =>
    db
      .selectFrom('comment_mentions')
      .select(['comment_id', 'handle'])
      .where('comment_id', 'in', chunk)
      .orderBy('comment_id')
      .orderBy('handle')
      .execute(),
  );
  const out = new Map<number, string[]>();
  for (const r of rows) {
    const id = Number(r.comment_id);
    out.set(id, [...(out.get(id) ?? []), r.handle]);
  }
  return out;
}

/**
 * Where unpublished comments stand, from their moderation items (one per comment): `rejected`
 * once an item is resolved with the comment still unpublished (a moderator rejected it, called
 * it spam or banned its author: nobody will look at it again unless it is edited or reported
 * anew); `pending` otherwise, in the queue or (without an item) held.
 */
export async function moderationStatuses(
  db: Db,
  siteId: string,
  ids: number[],
): Promise<Map<number, CommentModerationStatus>> {
  const rows = await inChunks(ids, (chunk) =>
    db
      .selectFrom('moderation_items')
      .select(['comment_id', 'status'])
      .where('site_id', '=', siteId)
      .where('comment_id', 'in', chunk)
      .execute(),
  );
  return new Map(rows.map((r) => [Number(r.comment_id), r.status === 'resolved' ? 'rejected' : 'pending']));
}
