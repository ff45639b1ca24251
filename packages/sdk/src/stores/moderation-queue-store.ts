import {
  type ModerationAction,
  type ModerationItem,
  type ModerationPriority,
  type ModerationQueue,
  RealtimeEvent,
} from '@sharestack/protocol';
import { atom, onMount, type ReadableAtom } from 'nanostores';
import type { ShareStackClient } from '../client.js';
import { isShareStackError, type ShareStackError } from '../errors.js';
import { moderationOf } from '../moderation.js';

export interface ModerationQueueState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** Pending items, most pressing first. */
  items: ModerationItem[];
  /** Pending items per priority. */
  counts: Record<string, number>;
  next_cursor: string | null;
  error: ShareStackError | null;
}

export interface ModerationQueueOptions {
  priority?: ModerationPriority;
  /** Re-reads the first page this often while someone listens (ms); 0 turns it off. Default 15 s. */
  pollInterval?: number;
  limit?: number;
}

export interface ModerationQueueStore {
  readonly $state: ReadableAtom<ModerationQueueState>;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  /** One action on several items; resolved items leave the list. Returns the ids that failed. */
  act(
    itemIds: string[],
    action: ModerationAction,
    extra?: { reason?: string; duration_seconds?: number },
  ): Promise<{ id: string; code: string }[]>;
  /** Takes in an item announced live (e.g. a `moderation.queued` event) without a round trip. */
  receive(item: ModerationItem): void;
}

const MODERATION_TOPIC = 'moderation:site';
const RANK: Record<string, number> = { urgent: 100, high: 75, normal: 50, low: 25 };
const order = (a: ModerationItem, b: ModerationItem) =>
  (RANK[b.priority] ?? 0) - (RANK[a.priority] ?? 0) || Number(a.id) - Number(b.id);

export function createModerationQueueStore(
  client: ShareStackClient,
  options: ModerationQueueOptions = {},
): ModerationQueueStore {
  const $state = atom<ModerationQueueState>({
    status: 'idle',
    items: [],
    counts: {},
    next_cursor: null,
    error: null,
  });
  const query = () => ({
    status: 'pending' as const,
    limit: options.limit ?? 50,
    ...(options.priority ? { priority: options.priority } : {}),
  });
  const fail = (error: unknown) => {
    if (!isShareStackError(error)) throw error;
    // Refused (signed out, no longer a moderator): what they may not see goes with it.
    const refused = error.status === 401 || error.status === 403;
    $state.set({ ...$state.get(), ...(refused ? { items: [], counts: {} } : {}), status: 'error', error });
  };

  const store: ModerationQueueStore = {
    $state,
    async load() {
      $state.set({ ...$state.get(), status: $state.get().status === 'ready' ? 'ready' : 'loading' });
      try {
        const page: ModerationQueue = await moderationOf(client).queue(query());
        const current = $state.get();
        // Items from later pages the moderator already loaded stay, unless this page has them.
        const fresh = new Set(page.items.map((i) => i.id));
        const kept = current.items.filter((i) => !fresh.has(i.id) && current.next_cursor !== null);
        $state.set({
          status: 'ready',
          items: [...page.items, ...kept].sort(order),
          counts: page.counts,
          next_cursor: kept.length ? current.next_cursor : page.next_cursor,
          error: null,
        });
      } catch (error) {
        fail(error);
      }
    },
    async loadMore() {
      const current = $state.get();
      if (!current.next_cursor) return;
      try {
        const page = await moderationOf(client).queue({ ...query(), cursor: current.next_cursor });
        const seen = new Set(current.items.map((i) => i.id));
        $state.set({
          ...current,
          items: [...current.items, ...page.items.filter((i) => !seen.has(i.id))],
          counts: page.counts,
          next_cursor: page.next_cursor,
        });
      } catch (error) {
        fail(error);
      }
    },
    async act(itemIds, action, extra = {}) {
      const result = await moderationOf(client).bulk({ item_ids: itemIds, action, ...extra });
      const done = new Set(result.items.map((i) => i.id));
      const current = $state.get();
      const counts = { ...current.counts };
      for (const item of current.items) {
        if (done.has(item.id)) counts[item.priority] = Math.max(0, (counts[item.priority] ?? 1) - 1);
      }
      $state.set({ ...current, items: current.items.filter((i) => !done.has(i.id)), counts });
      return result.failed;
    },
    receive(item) {
      const current = $state.get();
      const exists = current.items.some((i) => i.id === item.id);
      if (item.status !== 'pending') {
        $state.set({ ...current, items: current.items.filter((i) => i.id !== item.id) });
        return;
      }
      if (options.priority && item.priority !== options.priority) return;
      const items = exists
        ? current.items.map((i) => (i.id === item.id ? item : i))
        : [...current.items, item];
      const counts = exists
        ? current.counts
        : { ...current.counts, [item.priority]: (current.counts[item.priority] ?? 0) + 1 };
      $state.set({ ...current, items: items.sort(order), counts });
    },
  };

  onMount($state, () => {
    void store.load();
    const every = options.pollInterval ?? 15_000;
    const timer = every > 0 ? setInterval(() => void store.load(), every) : null;
    // A moderator signing in (or out) sees the queue they may see at once, not at the next poll.
    const stopSession = client.$session.listen(() => void store.load());
    // Live: items queued or resolved anywhere arrive at once; polling stays as a fallback.
    const stop = client.realtime.subscribe(MODERATION_TOPIC, {
      event: (e) => {
        if (e.event === RealtimeEvent.ModerationQueued || e.event === RealtimeEvent.ModerationResolved) {
          store.receive((e.data as { item: ModerationItem }).item);
        }
      },
      reset: () => void store.load(),
    });
    return () => {
      stop();
      stopSession();
      if (timer) clearInterval(timer);
    };
  });
  return store;
}
