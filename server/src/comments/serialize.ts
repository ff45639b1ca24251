import type { Comment, CommentModerationStatus } from '@sharestack/protocol';
import { wireId } from '../ids.js';
import type { Db } from '../store/db.js';
import type { CommentRow } from '../store/schema.js';
import { type AuthoredRow, mentionsOf, moderationStatuses, myReactions, reactionCounts } from './queries.js';

/** Per-comment data that lives outside the comments table, fetched in bulk. */
export interface Decorations {
  reactions: Map<number, Record<string, number>>;
  mine: Map<number, string>;
  mentions: Map<number, string[]>;
  /** Of the unpublished comments among them, those a moderator decided against (see `withheld`). */
  moderation?: Map<number, CommentModerationStatus>;
}

/**
 * A comment that is not published and shows so to whoever may see it (its author and
 * moderators). A shadowed comment is not one: it must look published even to its author.
 */
export const withheld = (row: Pick<CommentRow, 'is_approved' | 'is_shadowed' | 'is_deleted'>) =>
  row.is_approved !== 1 && row.is_shadowed !== 1 && row.is_deleted !== 1;

/**
 * The decorations of the comments `rows`. The moderation standing is read only for withheld
 * ones, so a page of published comments (what most readers get) costs no extra query.
 */
export async function decorate(
  db: Db,
  siteId: string,
  viewerId: string | null,
  rows: ReadonlyArray<Pick<CommentRow, 'id' | 'is_approved' | 'is_shadowed' | 'is_deleted'>>,
): Promise<Decorations> {
  const ids = rows.map((r) => Number(r.id));
  const held = rows.filter(withheld).map((r) => Number(r.id));
  const [reactions, mine, mentions, moderation] = await Promise.all([
    reactionCounts(db, siteId, 'comment', ids),
    myReactions(db, siteId, viewerId, 'comment', ids),
    mentionsOf(db, ids),
    moderationStatuses(db, siteId, held),
  ]);
  return { reactions, mine, mentions, moderation };
}

/** A tombstone keeps its place in the thread but says nothing about who wrote what. */
export function toComment(row: AuthoredRow, contentKey: string, d: Decorations): Comment {
  const id = Number(row.id);
  const deleted = row.is_deleted === 1;
  return {
    id: wireId(id),
    content_id: contentKey,
    user_id: deleted ? '' : row.user_id,
    parent_comment_id: row.parent_comment_id === null ? null : wireId(row.parent_comment_id),
    root_comment_id: row.root_comment_id === null ? null : wireId(row.root_comment_id),
    depth: Number(row.depth),
    path: wirePath(row.path),
    comment_text: deleted ? '' : row.comment_text,
    html: deleted ? '' : row.html,
    // A shadow-banned author must not notice: their comments look approved to the few who see them.
    is_approved: row.is_approved === 1 || row.is_shadowed === 1,
    // Only withheld comments say where they stand; they reach nobody but their author and moderators.
    ...(withheld(row) ? { moderation_status: d.moderation?.get(id) ?? 'pending' } : {}),
    is_deleted: deleted,
    like_count: Number(row.like_count),
    reply_count: Number(row.reply_count),
    reactions: deleted ? {} : (d.reactions.get(id) ?? {}),
    my_reaction: deleted ? null : (d.mine.get(id) ?? null),
    mentions: deleted ? [] : (d.mentions.get(id) ?? []),
    author: deleted
      ? null
      : {
          id: row.user_id,
          name: row.author_name ?? row.user_id,
          avatar_url: row.author_avatar ?? null,
          is_guest: row.author_is_guest === 1,
        },
    created_at: row.created_at,
    updated_at: row.updated_at,
    edited_at: row.edited_at,
    replies: [],
    has_more_replies: false,
  };
}

/** Stored paths are zero-padded so that text order is tree order; the wire shows plain ids. */
export const PATH_DIGITS = 16;
export const pathSegment = (id: number) => String(id).padStart(PATH_DIGITS, '0');
export const wirePath = (path: string) => path.replace(/\/0+(?=\d)/g, '/');

/**
 * Nests rows (already in path order) under their parents. A row whose parent was not sent
 * (beyond the cap, or hidden) is dropped with its subtree rather than misplaced.
 */
export function nest(roots: Comment[], rows: AuthoredRow[], contentKey: string, d: Decorations): void {
  const byId = new Map<string, Comment>(roots.map((r) => [r.id, r]));
  for (const row of rows) {
    const parent = row.parent_comment_id === null ? undefined : byId.get(wireId(row.parent_comment_id));
    if (!parent) continue;
    const node = toComment(row, contentKey, d);
    parent.replies.push(node);
    byId.set(node.id, node);
  }
}
