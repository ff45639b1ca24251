import {
  type Activity,
  type FeedEntry,
  type ListOf,
  type PageParams,
  type RealtimeEnvelope,
  RealtimeEvent,
  Topic,
} from '@sharestack/protocol';
import { atom, onMount, type ReadableAtom, task } from 'nanostores';
import { activityOf } from '../activity.js';
import type { ShareStackClient } from '../client.js';
import { isShareStackError, type ShareStackError } from '../errors.js';
import { addToFeed } from './feed-live.js';
import { perClient } from './per-client.js';

export interface FeedStoreState<T> {
  status: 'idle' | 'loading' | 'ready' | 'error';
  items: T[];
  next_cursor: string | null;
  /** More pages are being fetched. */
  loadingMore: boolean;
  error: ShareStackError | null;
}

export interface FeedStore<T> {
  readonly $state: ReadableAtom<FeedStoreState<T>>;
  /** (Re)loads the first page. */
  load(): Promise<void>;
  /** Appends the next page, if any. */
  loadMore(): Promise<void>;
}

/** Pages of a cursor list, newest first: the personal feed or a user's timeline. */
function createPagedStore<T extends { id: string }>(
  fetchPage: (page: PageParams) => Promise<ListOf<T>>,
  limit: number,
  /** Follows new items live while the store is listened to (`change` edits the loaded items); returns how to stop. */
  live?: (change: (edit: (items: T[]) => T[]) => void, reload: () => void) => () => void,
): FeedStore<T> {
  const $state = atom<FeedStoreState<T>>({
    status: 'idle',
    items: [],
    next_cursor: null,
    loadingMore: false,
    error: null,
  });
  const store: FeedStore<T> = {
    $state,
    async load() {
      $state.set({ ...$state.get(), status: 'loading', error: null });
      try {
        const page = await fetchPage({ limit });
        $state.set({
          status: 'ready',
          items: page.items,
          next_cursor: page.next_cursor,
          loadingMore: false,
          error: null,
        });
      } catch (error) {
        if (!isShareStackError(error)) throw error;
        $state.set({ ...$state.get(), status: 'error', error });
      }
    },
    async loadMore() {
      const before = $state.get();
      if (!before.next_cursor || before.loadingMore) return;
      $state.set({ ...before, loadingMore: true });
      try {
        const page = await fetchPage({ limit, cursor: before.next_cursor });
        const seen = new Set(before.items.map((i) => i.id));
        $state.set({
          ...$state.get(),
          items: [...before.items, ...page.items.filter((i) => !seen.has(i.id))],
          next_cursor: page.next_cursor,
          loadingMore: false,
        });
      } catch (error) {
        $state.set({ ...$state.get(), loadingMore: false, error: isShareStackError(error) ? error : null });
        throw error;
      }
    },
  };
  onMount($state, () => {
    // A nanostores task, so SSR and tests can await the first load with allTasks().
    if ($state.get().status === 'idle') void task(() => store.load());
    return live?.(
      (edit) => {
        const now = $state.get();
        if (now.status !== 'ready') return;
        const items = edit(now.items);
        if (items !== now.items) $state.set({ ...now, items });
      },
      () => void store.load(),
    );
  });
  return store;
}

/**
 * The viewer's personal feed, live: new activities of whom they follow arrive on
 * `feed:user:{viewer}` as the server lets the viewer see them. That topic replays nothing, so a
 * resubscription (after a drop) reloads the first page, as does a change of viewer.
 */
export const feedStore = (client: ShareStackClient, limit = 20): FeedStore<FeedEntry> =>
  perClient(client, `feed:${limit}`, () =>
    createPagedStore(
      (page) => activityOf(client).feed(page),
      limit,
      (change, reload) => {
        let owner: string | null | undefined;
        let stop = () => {};
        const stopViewer = client.$viewer.subscribe((viewer) => {
          const id = viewer?.id ?? null;
          if (id === owner) return;
          const switched = owner !== undefined;
          owner = id;
          stop();
          stop = () => {};
          if (switched) reload();
          if (!id) return;
          stop = client.realtime.subscribe(Topic.feed(id), {
            event(e: RealtimeEnvelope) {
              if (e.event !== RealtimeEvent.Activity) return;
              const { activity } = e.data as { activity: Activity };
              change((items) => addToFeed(items, activity));
            },
            reset: reload,
          });
        });
        return () => {
          stopViewer();
          stop();
        };
      },
    ),
  );

/**
 * A user's timeline, live: their new activities (and `creator_update`s, which carry the
 * `published` activity) arrive on `activity:user:{id}` as the server lets this viewer see them.
 */
export const timelineStore = (client: ShareStackClient, userId: string, limit = 20): FeedStore<Activity> =>
  perClient(client, `timeline:${userId}:${limit}`, () =>
    createPagedStore(
      (page) => activityOf(client).timeline(userId, page),
      limit,
      (change, reload) =>
        client.realtime.subscribe(Topic.activity(userId), {
          event(e: RealtimeEnvelope) {
            if (e.event === RealtimeEvent.Activity || e.event === RealtimeEvent.CreatorUpdate) {
              const { activity } = e.data as { activity: Activity };
              change((items) => (items.some((i) => i.id === activity.id) ? items : [activity, ...items]));
            }
          },
          reset: reload,
        }),
    ),
  );
