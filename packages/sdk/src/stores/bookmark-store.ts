import type { Bookmark, BookmarkCollection } from '@sharestack/protocol';
import { atom, onMount, type ReadableAtom, task } from 'nanostores';
import type { ShareStackClient } from '../client.js';
import { isShareStackError, type ShareStackError } from '../errors.js';
import { socialOf } from '../social.js';
import { perClient } from './per-client.js';

export interface BookmarkStoreState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  bookmark: Bookmark | null;
  /** The viewer's collections, for a picker; loaded with the bookmark. */
  collections: BookmarkCollection[];
  pending: boolean;
  error: ShareStackError | null;
}

export interface SaveBookmark {
  collection_name?: string;
  notes?: string | null;
  content_url?: string;
  content_title?: string;
}

export interface BookmarkStore {
  readonly contentId: string;
  readonly $state: ReadableAtom<BookmarkStoreState>;
  load(): Promise<void>;
  /** Bookmarks (or updates) at once, rolling back if the server refuses. */
  save(input?: SaveBookmark): Promise<Bookmark>;
  /** Removes at once, rolling back if the server refuses. */
  remove(): Promise<void>;
}

const optimistic = (contentId: string, prev: Bookmark | null, input: SaveBookmark): Bookmark => {
  const now = new Date().toISOString();
  return {
    id: prev?.id ?? '',
    user_id: prev?.user_id ?? '',
    content_id: contentId,
    collection_name: input.collection_name ?? prev?.collection_name ?? 'default',
    notes: input.notes !== undefined ? input.notes : (prev?.notes ?? null),
    content_title: prev?.content_title ?? input.content_title ?? null,
    content_url: prev?.content_url ?? input.content_url ?? null,
    created_at: prev?.created_at ?? now,
    updated_at: now,
  };
};

/** The viewer's bookmark of one content key, with their collections. */
export const bookmarkStore = (client: ShareStackClient, contentId: string): BookmarkStore =>
  perClient(client, `bookmark:${contentId}`, () => createBookmarkStore(client, contentId));

function createBookmarkStore(client: ShareStackClient, contentId: string): BookmarkStore {
  const $state = atom<BookmarkStoreState>({
    status: 'idle',
    bookmark: null,
    collections: [],
    pending: false,
    error: null,
  });

  const refreshCollections = async () => {
    const { items } = await socialOf(client).collections();
    $state.set({ ...$state.get(), collections: items });
  };

  const store: BookmarkStore = {
    contentId,
    $state,
    async load() {
      $state.set({ ...$state.get(), status: 'loading' });
      try {
        const [status, collections] = await Promise.all([
          socialOf(client).bookmarkOf(contentId),
          socialOf(client).collections(),
        ]);
        $state.set({
          status: 'ready',
          bookmark: status.bookmark,
          collections: collections.items,
          pending: false,
          error: null,
        });
      } catch (error) {
        if (!isShareStackError(error)) throw error;
        // Signed out: the previous viewer's bookmark and notes are not left on the page.
        const refused = error.status === 401 || error.status === 403;
        $state.set({
          ...$state.get(),
          ...(refused ? { bookmark: null, collections: [] } : {}),
          status: 'error',
          error,
        });
      }
    },
    async save(input = {}) {
      const before = $state.get();
      $state.set({
        ...before,
        bookmark: optimistic(contentId, before.bookmark, input),
        pending: true,
        error: null,
      });
      try {
        const bookmark = await socialOf(client).bookmark({ content_id: contentId, ...input });
        $state.set({ ...$state.get(), status: 'ready', bookmark, pending: false });
        await refreshCollections().catch(() => {});
        return bookmark;
      } catch (error) {
        $state.set({ ...before, pending: false, error: isShareStackError(error) ? error : null });
        throw error;
      }
    },
    async remove() {
      const before = $state.get();
      $state.set({ ...before, bookmark: null, pending: true, error: null });
      try {
        await socialOf(client).removeBookmark(contentId);
        $state.set({ ...$state.get(), status: 'ready', pending: false });
        await refreshCollections().catch(() => {});
      } catch (error) {
        $state.set({ ...before, pending: false, error: isShareStackError(error) ? error : null });
        throw error;
      }
    },
  };
  onMount($state, () => {
    // A nanostores task, so SSR and tests can await the first load with allTasks().
    if ($state.get().status === 'idle') void task(() => store.load());
    // What the viewer saved, or may see, changes with who they are.
    return client.$session.listen(() => void store.load());
  });
  return store;
}
