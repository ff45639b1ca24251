import type { Notification, NotificationType } from '@sharestack/protocol';

/** Which inbox items a list shows. */
export interface InboxFilter {
  /** Only read (true) or unread (false) items; both when absent. */
  is_read?: boolean;
  type?: NotificationType;
  /** The archive instead of the inbox. */
  archived?: boolean;
}

/**
 * A change to the viewer's inbox, made here, in another tab (BroadcastChannel) or on the server
 * (the socket). Every list on the page applies it to what it holds.
 */
export type InboxChange =
  /** A new item, or an unread group that grew (same id): goes to the top. */
  | { kind: 'new'; notification: Notification }
  /**
   * Read or archive state of some items changed. `items` are snapshots (with the change applied)
   * that lists which do not hold them yet may take in (e.g. the archive taking an archived item).
   */
  | {
      kind: 'patch';
      ids: string[];
      set: { is_read?: boolean; is_archived?: boolean };
      items?: Notification[];
    }
  /** Everything unread (of one type) became read. */
  | { kind: 'all-read'; type?: NotificationType }
  | { kind: 'remove'; ids: string[] }
  /** Items come back (a failed delete or archive rolled back). */
  | { kind: 'restore'; items: Notification[] };

export const matches = (n: Notification, f: InboxFilter): boolean =>
  (f.is_read === undefined || n.is_read === f.is_read) &&
  (f.type === undefined || n.notification_type === f.type) &&
  n.is_archived === (f.archived ?? false);

const newestFirst = (a: Notification, b: Notification) =>
  Date.parse(b.created_at) - Date.parse(a.created_at) || Number(b.id) - Number(a.id);

/** Puts items where their time says, without moving the others. */
function insertSorted(items: Notification[], add: Notification[]): Notification[] {
  const out = [...items];
  for (const n of add) {
    const at = out.findIndex((o) => newestFirst(n, o) < 0);
    if (at === -1) out.push(n);
    else out.splice(at, 0, n);
  }
  return out;
}

/**
 * The items of a list after `change`. `complete` says whether the list holds everything that
 * matches (no more pages): only then may an item older than the last one be taken in.
 */
export function applyChange(
  items: readonly Notification[],
  change: InboxChange,
  filter: InboxFilter,
  complete = true,
): Notification[] {
  switch (change.kind) {
    case 'new': {
      const n = change.notification;
      const rest = items.filter((i) => i.id !== n.id);
      return matches(n, filter) ? [n, ...rest] : rest;
    }
    case 'patch': {
      const ids = new Set(change.ids);
      const held = new Set(items.map((i) => i.id));
      const next = items
        .map((i) => (ids.has(i.id) ? { ...i, ...change.set } : i))
        .filter((i) => matches(i, filter));
      const incoming = (change.items ?? [])
        .map((i) => ({ ...i, ...change.set }))
        .filter((i) => !held.has(i.id) && matches(i, filter) && fits(i, next, complete));
      return incoming.length ? insertSorted(next, incoming) : next;
    }
    case 'all-read':
      return items
        .map((i) =>
          !i.is_read && (change.type === undefined || i.notification_type === change.type)
            ? { ...i, is_read: true }
            : i,
        )
        .filter((i) => matches(i, filter));
    case 'remove': {
      const ids = new Set(change.ids);
      return items.filter((i) => !ids.has(i.id));
    }
    case 'restore': {
      const held = new Set(items.map((i) => i.id));
      const back = change.items.filter(
        (i) => !held.has(i.id) && matches(i, filter) && fits(i, items, complete),
      );
      return back.length ? insertSorted([...items], back) : [...items];
    }
  }
}

/** An item belongs in a partial list only if it is newer than the list's last item. */
function fits(n: Notification, items: readonly Notification[], complete: boolean): boolean {
  const last = items[items.length - 1];
  return complete || !last || newestFirst(n, last) < 0;
}

/** How an item's change moves the unread count (unread, not archived items count). */
export function unreadDelta(before: readonly Notification[], change: InboxChange): number {
  const counted = (n: Pick<Notification, 'is_read' | 'is_archived'>) =>
    !n.is_read && !n.is_archived ? 1 : 0;
  switch (change.kind) {
    case 'patch': {
      const ids = new Set(change.ids);
      let delta = 0;
      for (const n of before) if (ids.has(n.id)) delta += counted({ ...n, ...change.set }) - counted(n);
      return delta;
    }
    case 'all-read':
      return (
        0 -
        before.filter((n) => counted(n) && (change.type === undefined || n.notification_type === change.type))
          .length
      );
    case 'remove': {
      const ids = new Set(change.ids);
      return 0 - before.filter((n) => ids.has(n.id) && counted(n)).length;
    }
    case 'restore':
      return change.items.filter(counted).length;
    case 'new': {
      const was = before.find((n) => n.id === change.notification.id);
      return counted(change.notification) - (was ? counted(was) : 0);
    }
  }
}

/** Appends a page, leaving out items the list already has (live arrivals). */
export function appendPage(items: readonly Notification[], page: readonly Notification[]): Notification[] {
  const held = new Set(items.map((i) => i.id));
  return [...items, ...page.filter((n) => !held.has(n.id))];
}
