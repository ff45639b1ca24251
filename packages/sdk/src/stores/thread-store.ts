import {
  type Comment,
  type CommentSort,
  type PresenceData,
  type ReactionSummary,
  Topic,
  type TypingData,
} from '@sharestack/protocol';
import { atom, onMount, type ReadableAtom } from 'nanostores';
import type { ShareStackClient } from '../client.js';
import { isShareStackError, type ShareStackError } from '../errors.js';
import { applyReaction } from './reaction-math.js';
import type { LiveThread } from './thread-live.js';
import { find, insert, pendingComment, type ThreadComment, toThreadComment, update } from './tree.js';

export type ThreadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface ThreadState {
  status: ThreadStatus;
  sort: CommentSort;
  items: ThreadComment[];
  next_cursor: string | null;
  total_count: number;
  loadingMore: boolean;
  /** The last load error; write errors are thrown to the caller instead. */
  error: ShareStackError | null;
  /**
   * New top-level comments from others that arrived live, newest first, held back so the
   * thread does not move under the reader; `showIncoming()` puts them in.
   */
  incoming: ThreadComment[];
  /** How many people have this thread open, and some of their names. */
  presence: PresenceData | null;
  /** Who is writing a comment right now (not the viewer). */
  typing: TypingData['user'][];
}

export interface ThreadStore {
  readonly contentId: string;
  readonly $state: ReadableAtom<ThreadState>;
  /** (Re)loads the first page. Called automatically when the store is first listened to. */
  load(): Promise<void>;
  loadMore(): Promise<void>;
  setSort(sort: CommentSort): Promise<void>;
  /** Posts optimistically: a pending comment shows at once and is replaced or rolled back. */
  post(text: string, parentId?: string | null): Promise<Comment>;
  edit(commentId: string, text: string): Promise<Comment>;
  remove(commentId: string): Promise<void>;
  /** Sets (or with `null` clears) the viewer's reaction, optimistically. */
  react(commentId: string, reactionType: string | null): Promise<ReactionSummary>;
  /** Fetches a top-level comment's whole reply tree (one whose `has_more_replies` is set). */
  loadReplies(rootId: string): Promise<void>;
  /** Moves the live `incoming` comments into the thread. */
  showIncoming(): void;
  /** Tells the others on the thread that the viewer is typing (throttled). */
  typing(): void;
}

export interface ThreadOptions {
  sort?: CommentSort;
  /** Top-level comments per page. */
  limit?: number;
  /** `false` sends top-level comments only. */
  replies?: boolean;
  /** Replies sent under each top-level comment; `has_more_replies` tells when some were left out. */
  repliesLimit?: number;
  /** Follow the thread live while the store is listened to (default true). */
  live?: boolean;
  /**
   * The page the thread is on, sent with each comment: the first that names the content records
   * it, and its notifications and emails link there. `url` must be on one of the site's origins.
   */
  page?: { url?: string; title?: string };
}

export function createThreadStore(
  client: ShareStackClient,
  contentId: string,
  options: ThreadOptions = {},
): ThreadStore {
  const $state = atom<ThreadState>({
    status: 'idle',
    sort: options.sort ?? 'best',
    items: [],
    next_cursor: null,
    total_count: 0,
    loadingMore: false,
    error: null,
    incoming: [],
    presence: null,
    typing: [],
  });
  const patch = (p: Partial<ThreadState>) => $state.set({ ...$state.get(), ...p });
  const edit = (id: string, fn: (c: ThreadComment) => ThreadComment | null) =>
    patch({ items: update($state.get().items, id, fn) });
  // A newer load makes older in-flight answers stale (fast sort switching).
  let loadSeq = 0;

  const fetchPage = (cursor?: string) =>
    client.comments.list(contentId, {
      sort: $state.get().sort,
      ...(options.limit ? { limit: options.limit } : {}),
      ...(options.replies === false ? { replies: false } : {}),
      ...(options.repliesLimit !== undefined ? { replies_limit: options.repliesLimit } : {}),
      ...(cursor ? { cursor } : {}),
    });

  const fetchReplies = (rootId: string) =>
    client.comments.list(contentId, { root: rootId, sort: $state.get().sort });

  const store: ThreadStore = {
    contentId,
    $state,
    async load() {
      const seq = ++loadSeq;
      patch({ status: 'loading', error: null });
      try {
        const page = await fetchPage();
        if (seq !== loadSeq) return;
        patch({
          status: 'ready',
          items: page.items.map(toThreadComment),
          next_cursor: page.next_cursor,
          total_count: page.total_count,
          incoming: [],
        });
        live?.flush();
      } catch (error) {
        if (seq !== loadSeq) return;
        patch({ status: 'error', error: asError(error) });
      }
    },
    async loadMore() {
      const { next_cursor, loadingMore } = $state.get();
      if (!next_cursor || loadingMore) return;
      const seq = loadSeq;
      patch({ loadingMore: true });
      try {
        const page = await fetchPage(next_cursor);
        if (seq !== loadSeq) return;
        const known = new Set($state.get().items.map((c) => c.id));
        patch({
          items: [...$state.get().items, ...page.items.filter((c) => !known.has(c.id)).map(toThreadComment)],
          next_cursor: page.next_cursor,
          total_count: page.total_count,
          loadingMore: false,
          error: null,
        });
      } catch (error) {
        if (seq === loadSeq) patch({ loadingMore: false, error: asError(error) });
        throw error;
      }
    },
    async setSort(sort) {
      if (sort === $state.get().sort && $state.get().status === 'ready') return;
      patch({ sort, items: [], next_cursor: null });
      await store.load();
    },
    async post(text, parentId = null) {
      const parent = parentId ? find($state.get().items, parentId)?.comment : undefined;
      const temp = pendingComment(client.$viewer.get(), contentId, text, parentId, parent);
      patch({
        items: insert($state.get().items, parentId, temp, parentId ? -1 : 0),
        total_count: $state.get().total_count + 1,
      });
      if (parentId) edit(parentId, (p) => ({ ...p, reply_count: p.reply_count + 1 }));
      try {
        const created = await client.comments.create({
          content_id: contentId,
          comment_text: text,
          ...(parentId ? { parent_comment_id: parentId } : {}),
          ...(options.page?.url ? { content_url: options.page.url } : {}),
          ...(options.page?.title ? { content_title: options.page.title.slice(0, 300) } : {}),
        });
        // The live event may have brought it already (it can beat the response).
        if (find($state.get().items, created.id)) edit(temp.id, () => null);
        else edit(temp.id, () => toThreadComment(created));
        return created;
      } catch (error) {
        edit(temp.id, () => null);
        patch({ total_count: Math.max(0, $state.get().total_count - 1) });
        if (parentId) edit(parentId, (p) => ({ ...p, reply_count: Math.max(0, p.reply_count - 1) }));
        throw asError(error);
      }
    },
    async edit(commentId, text) {
      const before = find($state.get().items, commentId)?.comment;
      if (before) edit(commentId, (c) => ({ ...c, comment_text: text, pending: true }));
      try {
        const updated = await client.comments.update(commentId, text);
        edit(commentId, (c) => ({ ...toThreadComment(updated), replies: c.replies }));
        return updated;
      } catch (error) {
        if (before) edit(commentId, (c) => ({ ...before, replies: c.replies }));
        throw asError(error);
      }
    },
    async remove(commentId) {
      removedHere.add(commentId);
      const located = find($state.get().items, commentId);
      if (located) applyRemoval(located.comment, located.parentId);
      try {
        const result = await client.comments.remove(commentId);
        if (result.outcome === 'tombstone' && result.comment) {
          const tomb = result.comment;
          edit(commentId, (c) => ({ ...toThreadComment(tomb), replies: c.replies }));
        }
      } catch (error) {
        removedHere.delete(commentId);
        if (located) restore(located);
        throw asError(error);
      }
    },
    async react(commentId, reactionType) {
      const before = find($state.get().items, commentId)?.comment;
      if (before) edit(commentId, (c) => ({ ...c, ...applyReaction(c, reactionType) }));
      try {
        const summary = await client.comments.react(commentId, reactionType);
        edit(commentId, (c) => ({
          ...c,
          reactions: summary.counts,
          like_count: summary.total,
          my_reaction: summary.my_reaction,
        }));
        return summary;
      } catch (error) {
        if (before) {
          const { reactions, like_count, my_reaction } = before;
          edit(commentId, (c) => ({ ...c, reactions, like_count, my_reaction }));
        }
        throw asError(error);
      }
    },
    async loadReplies(rootId) {
      try {
        const page = await fetchReplies(rootId);
        const full = page.items[0];
        if (full) edit(rootId, () => toThreadComment(full));
      } catch (error) {
        throw asError(error);
      }
    },
    showIncoming() {
      const { incoming, items } = $state.get();
      if (incoming.length === 0) return;
      const known = new Set(items.map((c) => c.id));
      patch({ items: [...incoming.filter((c) => !known.has(c.id)), ...items], incoming: [] });
    },
    typing() {
      if (options.live !== false) client.realtime.typing(topic);
    },
  };

  // ── live ─────────────────────────────────────────────────────────────────────────────────
  const topic = Topic.comments(contentId);
  /** Comments this store deleted itself: their events must not count them out twice. */
  const removedHere = new Set<string>();
  /** The live half of the store, once its code has loaded (see thread-live.ts). */
  let live: LiveThread | null = null;

  function applyRemoval(comment: ThreadComment, parentId: string | null) {
    if (comment.replies.length > 0) {
      edit(comment.id, (c) => ({
        ...c,
        is_deleted: true,
        comment_text: '',
        html: '',
        author: null,
        pending: true,
      }));
    } else {
      edit(comment.id, () => null);
      if (parentId) edit(parentId, (p) => ({ ...p, reply_count: Math.max(0, p.reply_count - 1) }));
    }
    patch({ total_count: Math.max(0, $state.get().total_count - 1) });
  }

  function restore({
    comment,
    parentId,
    index,
  }: {
    comment: ThreadComment;
    parentId: string | null;
    index: number;
  }) {
    if (find($state.get().items, comment.id)) edit(comment.id, (c) => ({ ...comment, replies: c.replies }));
    else {
      patch({ items: insert($state.get().items, parentId, comment, index) });
      if (parentId) edit(parentId, (p) => ({ ...p, reply_count: p.reply_count + 1 }));
    }
    patch({ total_count: $state.get().total_count + 1 });
  }

  const refreshable = {
    $state,
    patch,
    fetchPage,
    fetchReplies,
    load: () => store.load(),
    loadSeq: () => loadSeq,
  };
  onMount($state, () => {
    if ($state.get().status === 'idle') void store.load();
    // The viewer changed: their reactions are read again (that code loads when it happens).
    const stopSession = client.$session.listen(() => {
      void import('./thread-refresh.js').then((m) => m.refreshMine(refreshable));
    });
    if (options.live === false) return stopSession;
    let stopped = false;
    let stop = () => {};
    // The live code loads after the first page has been asked for.
    void import('./thread-live.js').then(({ liveThread }) => {
      if (stopped) return;
      const current = liveThread({
        $state,
        patch,
        edit,
        removedHere,
        viewerId: () => client.$viewer.get()?.id,
      });
      live = current;
      stop = client.realtime.subscribe(topic, {
        event: current.apply,
        // Too much was missed to replay: read the thread again.
        reset: () => void store.load(),
      });
    });
    return () => {
      stopped = true;
      stop();
      stopSession();
      live?.dispose();
      live = null;
    };
  });
  return store;
}

const asError = (error: unknown): ShareStackError => {
  if (isShareStackError(error)) return error;
  throw error;
};
