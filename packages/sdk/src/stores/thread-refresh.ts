import type { Comment, CommentThread } from '@sharestack/protocol';
import type { WritableAtom } from 'nanostores';
import type { ThreadState } from './thread-store.js';
import { update } from './tree.js';

/** What of a thread store the refresh needs (loaded only when the viewer changes). */
export interface Refreshable {
  $state: WritableAtom<ThreadState>;
  patch(p: Partial<ThreadState>): void;
  fetchPage(): Promise<CommentThread>;
  load(): Promise<void>;
  /** Moves on with every load; a refresh that sees it move drops its answer. */
  loadSeq(): number;
}

/**
 * The viewer changed (signed in, switched, signed out): the first page is read again as them,
 * and each comment loaded keeps its place, taking the new viewer's `my_reaction`. No loading
 * state, and comments on their way stay. A thread that failed to load loads again.
 */
export async function refreshMine(t: Refreshable): Promise<void> {
  const { status } = t.$state.get();
  if (status === 'error') return t.load();
  if (status !== 'ready') return;
  const seq = t.loadSeq();
  const page = await t.fetchPage().catch(() => null);
  if (!page || seq !== t.loadSeq()) return;
  let items = t.$state.get().items;
  const visit = (comments: readonly Comment[]) => {
    for (const c of comments) {
      items = update(items, c.id, (x) =>
        x.my_reaction === c.my_reaction ? x : { ...x, my_reaction: c.my_reaction },
      );
      visit(c.replies ?? []);
    }
  };
  visit(page.items);
  t.patch({ items });
}
