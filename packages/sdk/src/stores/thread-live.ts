import {
  type CommentDeletedData,
  type NewCommentData,
  type PresenceData,
  type ReactionUpdateData,
  type RealtimeEnvelope,
  RealtimeEvent,
  RealtimeLimits,
  type TypingData,
} from '@sharestack/protocol';
import type { WritableAtom } from 'nanostores';
import type { ThreadState } from './thread-store.js';
import { find, insert, type ThreadComment, toThreadComment } from './tree.js';

export interface LiveContext {
  $state: WritableAtom<ThreadState>;
  patch(p: Partial<ThreadState>): void;
  edit(id: string, fn: (c: ThreadComment) => ThreadComment | null): void;
  /** Comments the store deleted itself: their events must not count them out twice. */
  removedHere: Set<string>;
  viewerId(): string | undefined;
}

export interface LiveThread {
  /** Applies one event from the thread's topic. */
  apply(event: RealtimeEnvelope): void;
  /** Applies what arrived before the page had loaded (applying it again is harmless). */
  flush(): void;
  dispose(): void;
}

/**
 * The live half of a thread store, loaded with the first subscription: new comments from
 * others wait in `incoming`, the viewer's own (from any tab) go straight in, and edits,
 * reactions and deletions land in place. Presence and typing are kept for the UI.
 */
export function liveThread(ctx: LiveContext): LiveThread {
  const { $state, patch, edit, removedHere } = ctx;
  const early: RealtimeEnvelope[] = [];
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

  function apply(event: RealtimeEnvelope) {
    const state = $state.get();
    if (state.status !== 'ready') {
      if (event.id !== null) early.push(event);
      return;
    }
    const viewerId = ctx.viewerId();
    switch (event.event) {
      case RealtimeEvent.NewComment: {
        const comment = toThreadComment((event.data as NewCommentData).comment);
        // What they were typing has arrived: the indicator ends now, not when it times out.
        stopTyping(comment.user_id);
        return arrived(comment, viewerId);
      }
      // An edit, or (for its author and moderators only) a withheld comment's new standing:
      // held again, or rejected by a moderator.
      case RealtimeEvent.CommentUpdated:
      case RealtimeEvent.CommentModerated: {
        const next = (event.data as NewCommentData).comment;
        // A local edit in flight wins until its own answer arrives.
        return edit(next.id, (c) =>
          c.pending ? c : { ...toThreadComment(next), replies: c.replies, my_reaction: c.my_reaction },
        );
      }
      case RealtimeEvent.CommentDeleted:
        return deleted(event.data as CommentDeletedData);
      case RealtimeEvent.ReactionUpdate: {
        const r = event.data as ReactionUpdateData;
        if (r.target_type !== 'comment') return;
        return edit(r.target_id, (c) => ({
          ...c,
          reactions: r.counts,
          like_count: r.total,
          ...(r.user_id === viewerId ? { my_reaction: r.reaction_type } : {}),
        }));
      }
      case RealtimeEvent.Presence:
        return patch({ presence: event.data as PresenceData });
      case RealtimeEvent.Typing:
        return typist((event.data as TypingData).user);
    }
  }

  function arrived(comment: ThreadComment, viewerId: string | undefined) {
    const { items, incoming, total_count } = $state.get();
    const known = find(items, comment.id)?.comment;
    if (known) {
      // A held comment the viewer already had (their own, or any for a moderator) was approved:
      // it stays where it is, now published.
      if (!known.is_approved && !known.pending) {
        edit(comment.id, (c) => ({ ...comment, replies: c.replies, my_reaction: c.my_reaction }));
      }
      return;
    }
    if (incoming.some((c) => c.id === comment.id)) return;
    const own = comment.user_id === viewerId;
    if (own) {
      // This tab's own post, before its response: take the place of the pending copy.
      const temp = findPending(items, comment);
      if (temp) return edit(temp.id, () => comment);
    }
    if (comment.parent_comment_id) {
      if (!find(items, comment.parent_comment_id)) return patch({ total_count: total_count + 1 });
      patch({ items: insert(items, comment.parent_comment_id, comment, -1), total_count: total_count + 1 });
      edit(comment.parent_comment_id, (p) => ({ ...p, reply_count: p.reply_count + 1 }));
      return;
    }
    // The viewer's own comment from another tab goes straight in; others' wait to be shown.
    if (own) patch({ items: insert(items, null, comment, 0), total_count: total_count + 1 });
    else patch({ incoming: [comment, ...incoming], total_count: total_count + 1 });
  }

  function deleted(d: CommentDeletedData) {
    // This store removed it itself and has already counted it out.
    const own = removedHere.delete(d.id);
    const { incoming, total_count } = $state.get();
    if (incoming.some((c) => c.id === d.id)) patch({ incoming: incoming.filter((c) => c.id !== d.id) });
    if (!own) patch({ total_count: Math.max(0, total_count - 1) });
    const located = find($state.get().items, d.id);
    if (!located) return;
    if (own && d.outcome === 'removed') return;
    // Someone else's deletion leaves a tombstone where the comment was, so nothing moves under
    // the reader and a reply they are writing to it stays open (the thread tidies on reload).
    const tomb = d.comment
      ? toThreadComment(d.comment)
      : { ...located.comment, is_deleted: true, comment_text: '', html: '', author: null, pending: false };
    edit(d.id, (c) => ({ ...tomb, replies: c.replies }));
    if (!own && located.parentId) {
      edit(located.parentId, (p) => ({ ...p, reply_count: Math.max(0, p.reply_count - 1) }));
    }
  }

  /** Ends a user's "is typing" (their time ran out, or what they typed arrived). */
  function stopTyping(userId: string) {
    if (!typingTimers.has(userId)) return;
    clearTimeout(typingTimers.get(userId));
    typingTimers.delete(userId);
    patch({ typing: $state.get().typing.filter((u) => u.id !== userId) });
  }

  function typist(user: TypingData['user']) {
    clearTimeout(typingTimers.get(user.id));
    const others = $state.get().typing.filter((u) => u.id !== user.id);
    patch({ typing: [...others, user] });
    typingTimers.set(
      user.id,
      setTimeout(() => stopTyping(user.id), RealtimeLimits.typingShowMs),
    );
  }

  return {
    apply,
    flush() {
      for (const event of early.splice(0)) apply(event);
    },
    dispose() {
      early.length = 0;
      for (const timer of typingTimers.values()) clearTimeout(timer);
      typingTimers.clear();
      patch({ presence: null, typing: [] });
    },
  };
}

/** A pending comment of the viewer's with the same place and text as `comment`. */
function findPending(items: readonly ThreadComment[], comment: ThreadComment): ThreadComment | null {
  for (const c of items) {
    if (
      c.pending &&
      c.id.startsWith('pending-') &&
      c.parent_comment_id === comment.parent_comment_id &&
      c.comment_text === comment.comment_text
    )
      return c;
    const inner = findPending(c.replies, comment);
    if (inner) return inner;
  }
  return null;
}
