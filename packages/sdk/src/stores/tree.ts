import type { Comment, Viewer } from '@sharestack/protocol';

/** A comment as the thread store holds it: `pending` while the server has not confirmed it. */
export interface ThreadComment extends Omit<Comment, 'replies'> {
  replies: ThreadComment[];
  pending?: boolean;
}

export interface Located {
  comment: ThreadComment;
  parentId: string | null;
  index: number;
}

export function find(
  items: readonly ThreadComment[],
  id: string,
  parentId: string | null = null,
): Located | null {
  for (const [index, comment] of items.entries()) {
    if (comment.id === id) return { comment, parentId, index };
    const inner = find(comment.replies, id, comment.id);
    if (inner) return inner;
  }
  return null;
}

/**
 * Returns a new tree where the comment `id` is replaced by `fn(comment)`, or removed when `fn`
 * returns null. Untouched branches keep their identity so Lit re-renders only what changed.
 */
export function update(
  items: readonly ThreadComment[],
  id: string,
  fn: (comment: ThreadComment) => ThreadComment | null,
): ThreadComment[] {
  const out: ThreadComment[] = [];
  let changed = false;
  for (const comment of items) {
    if (comment.id === id) {
      const next = fn(comment);
      if (next) out.push(next);
      changed = true;
      continue;
    }
    const replies = update(comment.replies, id, fn);
    if (replies !== comment.replies) {
      out.push({ ...comment, replies });
      changed = true;
    } else out.push(comment);
  }
  return changed ? out : (items as ThreadComment[]);
}

/** Inserts `comment` under `parentId` (or at top level) at `index`; -1 appends. */
export function insert(
  items: readonly ThreadComment[],
  parentId: string | null,
  comment: ThreadComment,
  index: number,
): ThreadComment[] {
  const place = (list: readonly ThreadComment[]) => {
    const copy = [...list];
    copy.splice(index < 0 ? copy.length : Math.min(index, copy.length), 0, comment);
    return copy;
  };
  if (parentId === null) return place(items);
  return update(items, parentId, (parent) => ({ ...parent, replies: place(parent.replies) }));
}

export const toThreadComment = (comment: Comment): ThreadComment => ({
  ...comment,
  replies: comment.replies.map(toThreadComment),
});

/** Counts every comment in a tree, replies included. */
export const countAll = (items: readonly ThreadComment[]): number =>
  items.reduce((n, c) => n + 1 + countAll(c.replies), 0);

let pendingSeq = 0;

/**
 * The comment the viewer is posting, as it shows until the server answers: pending, placed
 * under `parent` (found in the tree) with the depth and path it will have.
 */
export function pendingComment(
  viewer: Viewer | null,
  contentId: string,
  text: string,
  parentId: string | null,
  parent: ThreadComment | undefined,
): ThreadComment {
  const now = new Date().toISOString();
  const id = `pending-${++pendingSeq}`;
  return {
    id,
    content_id: contentId,
    user_id: viewer?.id ?? '',
    parent_comment_id: parentId,
    root_comment_id: parent ? (parent.root_comment_id ?? parent.id) : null,
    depth: parent ? parent.depth + 1 : 0,
    path: `${parent?.path ?? '/'}${id}/`,
    comment_text: text,
    html: '',
    is_approved: true,
    is_deleted: false,
    like_count: 0,
    reply_count: 0,
    reactions: {},
    my_reaction: null,
    mentions: [],
    author: viewer
      ? { id: viewer.id, name: viewer.name, avatar_url: viewer.avatar_url, is_guest: viewer.is_guest }
      : null,
    created_at: now,
    updated_at: now,
    edited_at: null,
    replies: [],
    has_more_replies: false,
    pending: true,
  };
}
