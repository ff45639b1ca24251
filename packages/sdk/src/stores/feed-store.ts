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

/**
 * What a live subscription tells the paged store. Live topics start from the moment the server
 * has registered the subscription: an item that committed after the first page was read and
 * before that moment arrives neither way. So a first page counts as complete only if it was
 * fetched once the subscription was live; one fetched earlier (the first paint does not wait
 * for the socket) is fetched again then. Items that arrive while a page loads are held and
 * applied to that page, where de-duplication by id drops what it holds already.
 */
export interface LiveHooks<T> {
  /** Edits the loaded items with what arrived live. */
  change(edit: (items: T[]) => T[]): void;
  /** A new subscription was asked for (another topic, or the store mounted again): not live yet. */
  subscribing(): void;
  /** The server confirmed the subscription (`subscribed`), at `since` (`performance.now()`). */
  confirmed(cursor: string, since: number): void;
  /** The subscription is live but events were missed (`reset`): the first page loads again. */
  reset(): void;
  /** The first page loads again, for a new subscription (another viewer). */
  reload(): void;
}

/** A first-page fetch: whether the subscription was live when it started, and what arrived meanwhile. */
interface FirstPageLoad<T> {
  live: boolean;
  /** When it was asked for (`performance.now()`). */
  startedAt: number;
  held: Array<(items: T[]) => T[]>;
}

/** Pages of a cursor list, newest first: the personal feed or a user's timeline. */
function createPagedStore<T extends { id: string }>(
  fetchPage: (page: PageParams) => Promise<ListOf<T>>,
  limit: number,
  /** Follows new items while the store is listened to; returns how to stop. */
  follow?: (hooks: LiveHooks<T>) => () => void,
): FeedStore<T> {
  const $state = atom<FeedStoreState<T>>({
    status: 'idle',
    items: [],
    next_cursor: null,
    loadingMore: false,
    error: null,
  });
  /** Whether the server has confirmed the current subscription. */
  let live = false;
  /** Whether the page shown was fetched while the subscription was live. */
  let complete = false;
  /** The latest first-page fetch, until it has answered. */
  let loading: FirstPageLoad<T> | null = null;

  /** Fetches the first page; `quiet` keeps the items shown meanwhile (a catch-up, not a reload). */
  async function loadFirst(quiet: boolean) {
    const attempt: FirstPageLoad<T> = { live, startedAt: performance.now(), held: [] };
    loading = attempt;
    if (!quiet) $state.set({ ...$state.get(), status: 'loading', error: null });
    try {
      const page = await fetchPage({ limit });
      // A later fetch replaces this one.
      if (loading !== attempt) return;
      loading = null;
      complete = attempt.live;
      $state.set({
        status: 'ready',
        items: attempt.held.reduce((items, edit) => edit(items), page.items),
        next_cursor: page.next_cursor,
        loadingMore: false,
        error: null,
      });
      // Confirmed while this page was on its way: fetch it again.
      if (live && !complete) void loadFirst(true);
    } catch (error) {
      if (loading !== attempt) return;
      loading = null;
      if (!isShareStackError(error)) throw error;
      $state.set({ ...$state.get(), status: 'error', error });
    }
  }

  const store: FeedStore<T> = {
    $state,
    load: () => loadFirst(false),
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
    return follow?.({
      change(edit) {
        loading?.held.push(edit);
        const now = $state.get();
        if (now.status !== 'ready') return;
        const items = edit(now.items);
        if (items !== now.items) $state.set({ ...now, items });
      },
      subscribing() {
        live = false;
        complete = false;
      },
      confirmed(_cursor, since) {
        if (live) return;
        live = true;
        // Live before the fetch on its way was asked for (the topic was live already, for
        // another store): that page misses nothing, and is not fetched again.
        if (loading && since <= loading.startedAt) loading.live = true;
        // A fetch on its way catches up when it answers.
        if (!loading && !complete && $state.get().status === 'ready') void loadFirst(true);
      },
      reset() {
        live = true;
        void store.load();
      },
      reload: () => void store.load(),
    });
  });
  return store;
}

/**
 * The viewer's personal feed, live: new activities of whom they follow arrive on
 * `feed:user:{viewer}` as the server lets the viewer see them. That topic replays nothing, so a
 * resubscription (after a drop) gets a `reset` and reloads the first page, as does a change of
 * viewer. Live entries are grouped into the page as the server groups it (`addToFeed`).
 */
export const feedStore = (client: ShareStackClient, limit = 20): FeedStore<FeedEntry> =>
  perClient(client, `feed:${limit}`, () =>
    createPagedStore(
      (page) => activityOf(client).feed(page),
      limit,
      (live) => {
        let owner: string | null | undefined;
        let stop = () => {};
        const stopViewer = client.$viewer.subscribe((viewer) => {
          const id = viewer?.id ?? null;
          if (id === owner) return;
          const switched = owner !== undefined;
          owner = id;
          stop();
          stop = () => {};
          live.subscribing();
          if (switched) live.reload();
          if (!id) return;
          stop = client.realtime.subscribe(Topic.feed(id), {
            event(e: RealtimeEnvelope) {
              if (e.event !== RealtimeEvent.Activity) return;
              const { activity } = e.data as { activity: Activity };
              live.change((items) => addToFeed(items, activity));
            },
            subscribed: live.confirmed,
            reset: live.reset,
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
 * After a drop the topic replays what was missed, or says `reset` and the first page reloads.
 */
export const timelineStore = (client: ShareStackClient, userId: string, limit = 20): FeedStore<Activity> =>
  perClient(client, `timeline:${userId}:${limit}`, () =>
    createPagedStore(
      (page) => activityOf(client).timeline(userId, page),
      limit,
      (live) => {
        live.subscribing();
        return client.realtime.subscribe(Topic.activity(userId), {
          event(e: RealtimeEnvelope) {
            if (e.event === RealtimeEvent.Activity || e.event === RealtimeEvent.CreatorUpdate) {
              const { activity } = e.data as { activity: Activity };
              live.change((items) =>
                items.some((i) => i.id === activity.id) ? items : [activity, ...items],
              );
            }
          },
          subscribed: live.confirmed,
          reset: live.reset,
        });
      },
    ),
  );
