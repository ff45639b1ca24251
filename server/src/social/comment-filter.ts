import { type Comment, type CommentThread, ErrorCode } from '@sharestack/protocol';
import { type ThreadPage, threadPage } from '../comments/thread-cache.js';
import { forbidden } from '../http/problem.js';
import type { Db } from '../store/db.js';
import { blockedBy, blocks } from './relations.js';

/**
 * A thread page as a blocker sees it: comments of users they block are gone, or — when
 * replies hang below them — left as an empty placeholder (shaped like a tombstone) so the
 * thread keeps its structure. The shared cached page is untouched; a viewer who blocks no one
 * gets it back as is, at the cost of one indexed lookup.
 */
export async function withoutBlockedAuthors(
  db: Db,
  siteId: string,
  viewerId: string,
  page: ThreadPage,
): Promise<ThreadPage> {
  const blocked = await blockedBy(db, siteId, viewerId);
  // Cheap pre-check: ids appear in the page's JSON as quoted strings.
  if (blocked.size === 0 || ![...blocked].some((id) => page.json.includes(JSON.stringify(id)))) {
    return page;
  }
  const thread = JSON.parse(page.json) as CommentThread;
  const shownBefore = countShown(thread.items);
  const prune = (items: Comment[]): { kept: Comment[]; dropped: number } => {
    const kept: Comment[] = [];
    let dropped = 0;
    for (const c of items) {
      const below = prune(c.replies);
      c.replies = below.kept;
      c.reply_count = Math.max(0, c.reply_count - below.dropped);
      if (c.is_deleted || !blocked.has(c.user_id)) kept.push(c);
      else if (c.replies.length > 0 || c.has_more_replies) kept.push(placeholder(c));
      else dropped++;
    }
    return { kept, dropped };
  };
  thread.items = prune(thread.items).kept;
  thread.total_count = Math.max(0, thread.total_count - (shownBefore - countShown(thread.items)));
  return threadPage(JSON.stringify(thread), 1);
}

function placeholder(c: Comment): Comment {
  return {
    ...c,
    user_id: '',
    comment_text: '',
    html: '',
    is_deleted: true,
    author: null,
    mentions: [],
    reactions: {},
    my_reaction: null,
    like_count: 0,
  };
}

function countShown(items: Comment[]): number {
  let n = 0;
  for (const c of items) n += (c.is_deleted ? 0 : 1) + countShown(c.replies);
  return n;
}

/** A blocked user may not reply to the blocker's comments. */
export async function assertMayReply(db: Db, siteId: string, viewerId: string, parentAuthorId: string) {
  if (parentAuthorId && (await blocks(db, siteId, parentAuthorId, viewerId))) {
    throw forbidden(ErrorCode.Blocked, 'The author of that comment has blocked you.');
  }
}

/** Mentions of users who block the writer are not recorded, so they never notify them. */
export async function withoutBlockerMentions(
  db: Db,
  siteId: string,
  writerId: string,
  handles: string[],
): Promise<string[]> {
  if (handles.length === 0) return handles;
  const rows = await db
    .selectFrom('blocks')
    .select('blocker_id')
    .where('site_id', '=', siteId)
    .where('blocked_id', '=', writerId)
    .where('blocker_id', 'in', handles)
    .execute();
  if (rows.length === 0) return handles;
  const blockers = new Set(rows.map((r) => r.blocker_id));
  return handles.filter((h) => !blockers.has(h));
}
