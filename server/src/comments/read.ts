import type { Comment, CommentThread } from '@sharestack/protocol';
import { withoutBlockedAuthors } from '../social/comment-filter.js';
import type { Db } from '../store/db.js';
import { findContent } from './contents.js';
import { decodeCursor } from './cursor.js';
import { type ListQuery, listThread } from './list.js';
import { myReactions, type Visibility } from './queries.js';
import { type ThreadCache, type ThreadPage, threadPage } from './thread-cache.js';

const ANONYMOUS: Visibility = { viewerId: null, moderator: false };

/**
 * A thread page, serialised. Everyone but moderators starts from the shared page — what an
 * anonymous reader sees — cached while the content's version is unchanged. A signed-in reader
 * differs from it only by their own reactions (laid over a copy) and their own comments held
 * for review (then the page is built for them alone). Moderators see held comments too.
 */
export async function readThread(
  db: Db,
  cache: ThreadCache,
  siteId: string,
  contentKey: string,
  v: Visibility,
  q: ListQuery,
): Promise<ThreadPage> {
  const page = await readThreadPage(db, cache, siteId, contentKey, v, q);
  // Per viewer, after the shared page: comments of users the reader blocks are hidden.
  return v.viewerId === null ? page : withoutBlockedAuthors(db, siteId, v.viewerId, page);
}

async function readThreadPage(
  db: Db,
  cache: ThreadCache,
  siteId: string,
  contentKey: string,
  v: Visibility,
  q: ListQuery,
): Promise<ThreadPage> {
  const after = q.cursor ? decodeCursor(q.sort, q.cursor) : null;
  const content = await findContent(db, siteId, contentKey);
  const build = async (who: Visibility, level?: number) =>
    threadPage(JSON.stringify(await listThread(db, siteId, contentKey, content, who, q, after)), level);
  if (!content || v.moderator) return build(v, 1);

  const key = `${siteId}\u0000${contentKey}\u0000${JSON.stringify(q)}`;
  const version = String(content.version);
  let shared = cache.get(key, version);
  if (!shared) {
    // Built after the version was read, so the page is at least as new as the version it is filed under.
    shared = await build(ANONYMOUS);
    cache.set(key, version, shared);
  }
  if (v.viewerId === null) return shared;

  if (await hasHeldComment(db, siteId, Number(content.id), v.viewerId)) return build(v, 1);
  const mine = await myReactions(db, siteId, v.viewerId, 'comment', commentIds(shared));
  if (mine.size === 0) return shared;
  const thread = JSON.parse(shared.json) as CommentThread;
  overlay(thread.items, mine);
  return threadPage(JSON.stringify(thread), 1);
}

async function hasHeldComment(db: Db, siteId: string, contentRef: number, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('comments')
    .select('id')
    .where('site_id', '=', siteId)
    .where('user_id', '=', userId)
    .where('content_ref', '=', contentRef)
    .where('is_approved', '=', 0)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Ids of every comment on a shared page, worked out once per cached page. */
const idsOf = new WeakMap<ThreadPage, number[]>();
function commentIds(page: ThreadPage): number[] {
  let ids = idsOf.get(page);
  if (!ids) {
    ids = [];
    const walk = (items: Comment[]) => {
      for (const c of items) {
        if (!c.is_deleted) ids!.push(Number(c.id));
        walk(c.replies);
      }
    };
    walk((JSON.parse(page.json) as CommentThread).items);
    idsOf.set(page, ids);
  }
  return ids;
}

function overlay(items: Comment[], mine: Map<number, string>): void {
  for (const c of items) {
    if (!c.is_deleted) c.my_reaction = mine.get(Number(c.id)) ?? null;
    overlay(c.replies, mine);
  }
}
