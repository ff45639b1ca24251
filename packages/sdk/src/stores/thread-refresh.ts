import type { Comment, CommentThread } from '@sharestack/protocol';
import type { WritableAtom } from 'nanostores';
import type { ThreadState } from './thread-store.js';
import { find, update } from './tree.js';

/** What of a thread store the refresh needs (loaded only when the viewer changes). */
export interface Refreshable {
  $state: WritableAtom<ThreadState>;
  patch(p: Partial<ThreadState>): void;
  fetchPage(cursor?: string): Promise<CommentThread>;
  /** A top-level comment with its whole reply tree (as "more replies" loads it). */
  fetchReplies(rootId: string): Promise<CommentThread>;
  load(): Promise<void>;
  /** Moves on with every load; a refresh that sees it move drops its answer. */
  loadSeq(): number;
}

/** The most pages a refresh reads again (a reader who scrolled further keeps the rest as is). */
const MAX_PAGES = 10;
/** The most reply trees it reads again whole: those the reader opened with "more replies". */
const MAX_OPENED = 20;

/**
 * The viewer changed (signed in, switched, signed out): the pages loaded so far are read again
 * as them, and each comment loaded keeps its place, taking the new viewer's `my_reaction`. No
 * loading state, and comments on their way stay. A thread that failed to load loads again.
 */
export async function refreshMine(t: Refreshable): Promise<void> {
  const { status, items: loaded } = t.$state.get();
  if (status === 'error') return t.load();
  if (status !== 'ready') return;
  const seq = t.loadSeq();
  const pages: CommentThread[] = [];
  let cursor: string | undefined;
  // As many top-level comments as are loaded, page after page (those posted since count too).
  let read = 0;
  do {
    const page = await t.fetchPage(cursor).catch(() => null);
    if (seq !== t.loadSeq()) return;
    if (!page) break;
    pages.push(page);
    read += page.items.length;
    cursor = page.next_cursor ?? undefined;
  } while (cursor && read < loaded.length && pages.length < MAX_PAGES);
  // A page brings a few replies per comment; a tree the reader opened whole ("more replies":
  // the page leaves some out, the store has them all) is read again whole.
  const opened = pages
    .flatMap((p) => p.items)
    .filter((c) => c.has_more_replies && find(t.$state.get().items, c.id)?.comment.has_more_replies === false)
    .slice(0, MAX_OPENED);
  const trees = await Promise.all(opened.map((c) => t.fetchReplies(c.id).catch(() => null)));
  if (seq !== t.loadSeq()) return;
  let items = t.$state.get().items;
  const visit = (comments: readonly Comment[]) => {
    for (const c of comments) {
      items = update(items, c.id, (x) =>
        x.my_reaction === c.my_reaction ? x : { ...x, my_reaction: c.my_reaction },
      );
      visit(c.replies ?? []);
    }
  };
  for (const page of [...pages, ...trees]) if (page) visit(page.items);
  t.patch({ items });
}
