import type { Notification, NotificationType } from '@sharestack/protocol';
import { atom, onMount, type ReadableAtom } from 'nanostores';
import type { ShareStackClient } from '../client.js';
import { isShareStackError, type ShareStackError } from '../errors.js';
import { notificationsOf } from '../notifications.js';
import { appendPage, applyChange, type InboxChange, type InboxFilter, unreadDelta } from './inbox-math.js';
import { type HubSignal, notificationHub } from './notification-hub.js';
import { perClient } from './per-client.js';

export interface InboxState {
  /** `idle` until the viewer is known (anonymous readers stay idle). */
  status: 'idle' | 'loading' | 'ready' | 'error';
  items: Notification[];
  /** The first page is on its way. */
  loading: boolean;
  /** Another page is on its way. */
  loadingMore: boolean;
  hasMore: boolean;
  /** The last failure: of the first page (status `error`), of a later page, or of an action (rolled back). */
  error: ShareStackError | null;
}

export interface InboxOptions extends InboxFilter {
  /** Items per page (default 20). */
  limit?: number;
}

export interface InboxStore {
  readonly filter: InboxFilter;
  readonly $state: ReadableAtom<InboxState>;
  /** The viewer's unread count (the same atom for every list of the client). */
  readonly $unreadCount: ReadableAtom<number | null>;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  /** Marks items read (or unread) at once; rolls back if the server refuses. */
  markRead(ids: string[], isRead?: boolean): Promise<void>;
  markAllRead(type?: NotificationType): Promise<void>;
  /** Archives items (or brings them back) at once; rolls back if the server refuses. */
  archive(ids: string[], archived?: boolean): Promise<void>;
  /** Deletes one item at once; it comes back if the server refuses. */
  remove(id: string): Promise<void>;
}

/**
 * The viewer's inbox (or archive, or one filter of it), live while listened to: new
 * notifications arrive over the socket, and reads, archives and deletes made in other tabs
 * arrive over a BroadcastChannel. Loads once `client.$viewer` is known (elements resolve it;
 * SDK users call `client.refreshViewer()`). One store per client and filter.
 */
export const inboxStore = (client: ShareStackClient, options: InboxOptions = {}): InboxStore => {
  const { limit = 20, is_read, type, archived } = options;
  return perClient(client, `inbox:${JSON.stringify([limit, is_read, type, archived ?? false])}`, () =>
    createInboxStore(client, {
      limit,
      ...(is_read !== undefined ? { is_read } : {}),
      ...(type ? { type } : {}),
      archived: archived ?? false,
    }),
  );
};

/** The viewer's unread count, live while listened to (across tabs too). */
export const unreadCountOf = (client: ShareStackClient): ReadableAtom<number | null> =>
  notificationHub(client).$unreadCount;

function createInboxStore(client: ShareStackClient, options: InboxOptions & { limit: number }): InboxStore {
  const { limit, ...filter } = options;
  const hub = notificationHub(client);
  const api = () => notificationsOf(client);
  const $state = atom<InboxState>({
    status: 'idle',
    items: [],
    loading: false,
    loadingMore: false,
    hasMore: false,
    error: null,
  });
  let cursor: string | null = null;
  /** Bumped per load, so an answer for an older load (or another viewer) is dropped. */
  let generation = 0;
  /** Changes heard while the first page was on its way, applied once it is in. */
  const early: InboxChange[] = [];

  const patch = (p: Partial<InboxState>) => $state.set({ ...$state.get(), ...p });
  const query = () => ({
    limit,
    ...(filter.is_read !== undefined ? { is_read: filter.is_read } : {}),
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.archived ? { archived: true } : {}),
  });
  const apply = (change: InboxChange) => {
    const s = $state.get();
    if (s.status !== 'ready') {
      if (s.status === 'loading') early.push(change);
      return;
    }
    patch({ items: applyChange(s.items, change, filter, !s.hasMore) });
  };
  const hear = (signal: HubSignal) => (signal.kind === 'sync' ? void store.load() : apply(signal));

  /** Applies a change here and everywhere, sends it, and undoes it if the server refuses. */
  async function act<T extends { unread_count: number }>(
    change: InboxChange,
    undo: InboxChange,
    request: () => Promise<T>,
  ): Promise<void> {
    const before = hub.$unreadCount.get();
    // Everything read leaves nothing unread, also what this list has not loaded.
    const delta =
      change.kind === 'all-read' && !change.type && before !== null
        ? -before
        : unreadDelta($state.get().items, change);
    patch({ error: null });
    hub.publish(change, before === null ? null : before + delta);
    try {
      const result = await request();
      hub.setCount(result.unread_count);
    } catch (error) {
      const now = hub.$unreadCount.get();
      hub.publish(undo, now === null ? null : now - delta);
      patch({ error: isShareStackError(error) ? error : null });
      void hub.refresh();
      throw error;
    }
  }

  const snapshots = (ids: string[]) => $state.get().items.filter((i) => ids.includes(i.id));

  const store: InboxStore = {
    filter,
    $state,
    $unreadCount: hub.$unreadCount,
    async load() {
      if (!client.$viewer.get()) return;
      const mine = ++generation;
      const s = $state.get();
      patch({ status: s.status === 'ready' ? 'ready' : 'loading', loading: true });
      if (s.status !== 'ready') early.length = 0;
      try {
        const page = await api().list(query());
        if (mine !== generation) return;
        const current = $state.get();
        // Pages further down that the viewer already loaded stay, unless this page has their items.
        const fresh = new Set(page.items.map((i) => i.id));
        const kept =
          current.status === 'ready' && cursor ? current.items.filter((i) => !fresh.has(i.id)) : [];
        const keepCursor = kept.length > 0;
        if (!keepCursor) cursor = page.next_cursor;
        $state.set({
          status: 'ready',
          items: [...page.items, ...kept],
          loading: false,
          loadingMore: false,
          hasMore: cursor !== null,
          error: null,
        });
        for (const change of early.splice(0)) apply(change);
      } catch (error) {
        if (mine !== generation) return;
        if (!isShareStackError(error)) throw error;
        patch({ status: $state.get().status === 'ready' ? 'ready' : 'error', loading: false, error });
      }
    },
    async loadMore() {
      const s = $state.get();
      if (!cursor || s.loadingMore || s.status !== 'ready') return;
      const mine = generation;
      patch({ loadingMore: true, error: null });
      try {
        const page = await api().list({ ...query(), cursor });
        if (mine !== generation) return;
        cursor = page.next_cursor;
        patch({
          items: appendPage($state.get().items, page.items),
          loadingMore: false,
          hasMore: cursor !== null,
        });
      } catch (error) {
        if (!isShareStackError(error)) throw error;
        patch({ loadingMore: false, error });
        throw error;
      }
    },
    async markRead(ids, isRead = true) {
      const items = snapshots(ids).filter((i) => i.is_read !== isRead);
      const undo = items.map((i) => i.id);
      await act(
        { kind: 'patch', ids, set: { is_read: isRead }, items },
        // Only the items this list knew can be put back; the server's count corrects the rest.
        { kind: 'patch', ids: undo, set: { is_read: !isRead }, items },
        () => api().markRead(ids, isRead),
      );
    },
    async markAllRead(type) {
      const unread = $state.get().items.filter((i) => !i.is_read && (!type || i.notification_type === type));
      await act(
        type ? { kind: 'all-read', type } : { kind: 'all-read' },
        { kind: 'patch', ids: unread.map((i) => i.id), set: { is_read: false }, items: unread },
        () => api().markAllRead(type),
      );
    },
    async archive(ids, archived = true) {
      const items = snapshots(ids);
      const undo = items.filter((i) => i.is_archived !== archived);
      await act(
        { kind: 'patch', ids, set: { is_archived: archived }, items },
        { kind: 'patch', ids: undo.map((i) => i.id), set: { is_archived: !archived }, items: undo },
        () => api().archive(ids, archived),
      );
    },
    async remove(id) {
      const items = snapshots([id]);
      await act({ kind: 'remove', ids: [id] }, { kind: 'restore', items }, () => api().remove(id));
    },
  };

  onMount($state, () => {
    const stopHub = hub.listen(hear);
    // Keeps the hub (socket topic, tab channel, count) alive while this list is shown.
    const stopCount = hub.$unreadCount.listen(() => {});
    let bound: string | null | undefined;
    const stopViewer = client.$viewer.subscribe((viewer) => {
      const id = viewer?.id ?? null;
      if (id === bound) return;
      bound = id;
      generation++;
      cursor = null;
      early.length = 0;
      $state.set({
        status: 'idle',
        items: [],
        loading: false,
        loadingMore: false,
        hasMore: false,
        error: null,
      });
      if (viewer) void store.load();
    });
    return () => {
      stopViewer();
      stopCount();
      stopHub();
    };
  });
  return store;
}
