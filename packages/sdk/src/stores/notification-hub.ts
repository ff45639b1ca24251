import {
  NOTIFICATION_EVENTS,
  type NotificationEventData,
  type RealtimeEnvelope,
  Topic,
  type UnreadCountEventData,
} from '@sharestack/protocol';
import { atom, onMount, type ReadableAtom } from 'nanostores';
import type { ShareStackClient } from '../client.js';
import { notificationsOf } from '../notifications.js';
import type { InboxChange } from './inbox-math.js';
import { perClient } from './per-client.js';

/** What lists hear: a change to apply, or `sync` (too much changed elsewhere: read the list again). */
export type HubSignal = InboxChange | { kind: 'sync' };

export interface NotificationHub {
  /** The viewer's unread count; null until known (and for anonymous readers). */
  readonly $unreadCount: ReadableAtom<number | null>;
  /** Applies a change made here to every list on the page and in the viewer's other tabs. */
  publish(change: InboxChange, unreadCount: number | null): void;
  /** Takes the server's unread count (after a request) and tells the other tabs. */
  setCount(unreadCount: number): void;
  /** Hears every change, whether made here, in another tab or on the server. */
  listen(fn: (signal: HubSignal) => void): () => void;
  /** Reads the unread count from the server again. */
  refresh(): Promise<void>;
}

interface TabMessage {
  change?: InboxChange;
  unread_count: number | null;
}

const NEW_EVENTS = new Set<string>(Object.values(NOTIFICATION_EVENTS));
const UNREAD_COUNT_EVENT = 'unread_count';

/** The viewer's notification state on this page, shared by every bell and list of one client. */
export const notificationHub = (client: ShareStackClient): NotificationHub =>
  perClient(client, 'notifications', () => createHub(client));

function createHub(client: ShareStackClient): NotificationHub {
  const $unreadCount = atom<number | null>(null);
  const listeners = new Set<(signal: HubSignal) => void>();
  let channel: BroadcastChannel | null = null;
  let viewerId: string | null = null;

  const tell = (signal: HubSignal) => {
    for (const fn of [...listeners]) fn(signal);
  };
  const post = (message: TabMessage) => {
    try {
      channel?.postMessage(message);
    } catch {
      // A closed channel (the page is going away): the other tabs read the server.
    }
  };
  const count = (n: number | null) => {
    if (n !== null) $unreadCount.set(Math.max(0, n));
  };

  const hub: NotificationHub = {
    $unreadCount,
    publish(change, unreadCount) {
      count(unreadCount);
      tell(change);
      post({ change, unread_count: $unreadCount.get() });
    },
    setCount(n) {
      count(n);
      post({ unread_count: n });
    },
    listen(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    async refresh() {
      const asked = viewerId;
      if (!asked) return;
      try {
        const { unread_count } = await notificationsOf(client).unreadCount();
        if (viewerId === asked) count(unread_count);
      } catch {
        // The count stays as it was; the next event or refresh corrects it.
      }
    },
  };

  function onEvent(event: RealtimeEnvelope) {
    if (NEW_EVENTS.has(event.event)) {
      const { notification, unread_count } = event.data as NotificationEventData;
      const change: InboxChange = { kind: 'new', notification };
      count(unread_count);
      tell(change);
      // Tabs whose socket is down (or that have none) hear it from this one; applying it twice is harmless.
      post({ change, unread_count });
    } else if (event.event === UNREAD_COUNT_EVENT) {
      const { unread_count } = event.data as UnreadCountEventData;
      const known = $unreadCount.get();
      count(unread_count);
      post({ unread_count });
      // Read, archived or deleted on another device: which items, the lists must ask the server.
      if (known !== unread_count) tell({ kind: 'sync' });
    }
  }

  function bind(id: string | null) {
    if (id === viewerId) return () => {};
    viewerId = id;
    $unreadCount.set(null);
    if (!id) return () => {};
    if (typeof BroadcastChannel === 'function') {
      channel = new BroadcastChannel(`sharestack:notifications:${client.baseUrl}|${client.site}|${id}`);
      channel.onmessage = ({ data }: MessageEvent<TabMessage>) => {
        count(data.unread_count);
        if (data.change) tell(data.change);
      };
    }
    const stop = client.realtime.subscribe(Topic.notifications(id), {
      event: onEvent,
      // Too much was missed to replay: read the count and the lists again.
      reset: () => {
        void hub.refresh();
        tell({ kind: 'sync' });
      },
    });
    void hub.refresh();
    const open = channel;
    return () => {
      stop();
      open?.close();
      if (channel === open) channel = null;
    };
  }

  onMount($unreadCount, () => {
    let unbind = () => {};
    const stopViewer = client.$viewer.subscribe((viewer) => {
      const id = viewer?.id ?? null;
      if (id === viewerId) return;
      unbind();
      unbind = bind(id);
    });
    return () => {
      stopViewer();
      unbind();
      viewerId = null;
    };
  });
  return hub;
}
