import type {
  ErrorCode,
  MarkReadResult,
  NotificationList,
  NotificationPreferences,
  NotificationType,
  PreferencesPatch,
  PushConfig,
  PushSubscriptionBody,
  PushSubscriptionStatus,
  UnreadCount,
  UnreadCountAnswer,
} from '@sharestack/protocol';
import type { ShareStackClient } from './client.js';
import { ShareStackError } from './errors.js';
import { type Http, seg } from './http.js';

/** Filters and page of `list` (the wire's `ListNotificationsQuery`, typed for callers). */
export interface NotificationQuery {
  limit?: number;
  cursor?: string;
  /** Only read (true) or unread (false) items. */
  is_read?: boolean;
  type?: NotificationType;
  /** The archive instead of the inbox. */
  archived?: boolean;
}

/** The notifications API. Everything but `push.config()` needs a signed-in viewer. */
export interface NotificationsClient {
  /** Inbox items (groups), newest first; filters `is_read`, `type`, `archived`; cursor pages. */
  list(query?: NotificationQuery): Promise<NotificationList>;
  /** Marks items read (or unread with `isRead: false`). */
  markRead(ids: string[], isRead?: boolean): Promise<MarkReadResult>;
  /** Marks everything unread as read, or everything of one type. */
  markAllRead(type?: NotificationType): Promise<MarkReadResult>;
  unreadCount(): Promise<UnreadCountAnswer>;
  /** Archives items (out of the inbox), or brings them back with `archived: false`. */
  archive(ids: string[], archived?: boolean): Promise<MarkReadResult>;
  /** Deletes one item and the notifications it groups. */
  remove(id: string): Promise<UnreadCount>;
  readonly preferences: {
    get(): Promise<NotificationPreferences>;
    /** Changes only what the patch names. */
    update(patch: PreferencesPatch): Promise<NotificationPreferences>;
  };
  readonly push: {
    /** The VAPID public key (null when the server has no web push) and the service worker URL. */
    config(): Promise<PushConfig>;
    /** Registers a browser's `PushSubscription.toJSON()` for the viewer. */
    subscribe(subscription: PushSubscriptionBody): Promise<PushSubscriptionStatus>;
    unsubscribe(endpoint: string): Promise<PushSubscriptionStatus>;
  };
}

export function createNotificationsClient(http: Http): NotificationsClient {
  return {
    list: (query = {}) => http.get('notifications/', { ...query }),
    markRead: (notification_ids, is_read = true) =>
      http.send('PUT', 'notifications/mark-read/', { notification_ids, is_read }),
    markAllRead: (type) =>
      http.send('PUT', 'notifications/mark-read/', type ? { all: true, type } : { all: true }),
    unreadCount: () => http.get('notifications/unread-count/'),
    archive: (notification_ids, archived = true) =>
      http.send('POST', 'notifications/archive/', { notification_ids, archived }),
    remove: (id) => http.send('DELETE', `notifications/${seg(id)}/`),
    preferences: {
      get: () => http.get('notifications/preferences/'),
      update: (patch) => http.send('PUT', 'notifications/preferences/', patch),
    },
    push: {
      config: () => http.get('notifications/push/config/'),
      subscribe: (subscription) => http.send('POST', 'notifications/push/subscriptions/', subscription),
      unsubscribe: (endpoint) => http.send('DELETE', 'notifications/push/subscriptions/', { endpoint }),
    },
  };
}

const clients = new WeakMap<ShareStackClient, NotificationsClient>();
// A literal typed by the table rather than `ErrorCode.PushUnavailable`, which would bring the
// whole table into the bundle.
const PUSH_UNAVAILABLE: ErrorCode = 'push_unavailable';

/** The notifications API of a client (made on first use; pages without notifications never load it). */
export function notificationsOf(client: ShareStackClient): NotificationsClient {
  let c = clients.get(client);
  if (!c) {
    c = createNotificationsClient(client.http);
    clients.set(client, c);
  }
  return c;
}

/** A base64url VAPID key as the bytes `applicationServerKey` takes everywhere. */
export function vapidKeyBytes(key: string): Uint8Array<ArrayBuffer> {
  const base64 = key
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(key.length / 4) * 4, '=');
  const raw = atob(base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** What `enablePush` and `disablePush` need of a `ServiceWorkerRegistration`. */
export interface PushRegistration {
  readonly pushManager: Pick<PushManager, 'subscribe' | 'getSubscription'>;
}

/**
 * Turns web push on for the viewer in this browser: asks the server for its VAPID key,
 * subscribes the page's service worker registration (the browser asks the user for permission),
 * and registers the subscription with the server. Rejects with `push_unavailable` when the
 * server has no web push configured.
 */
export async function enablePush(
  client: ShareStackClient,
  registration: PushRegistration,
): Promise<PushSubscriptionStatus> {
  const api = notificationsOf(client);
  const { public_key } = await api.push.config();
  if (!public_key) {
    throw new ShareStackError({
      status: 0,
      code: PUSH_UNAVAILABLE,
      message: 'This server does not send web push notifications',
    });
  }
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: vapidKeyBytes(public_key),
  });
  return api.push.subscribe(subscription.toJSON() as PushSubscriptionBody);
}

/** Turns web push off in this browser: unsubscribes and tells the server. */
export async function disablePush(
  client: ShareStackClient,
  registration: PushRegistration,
): Promise<PushSubscriptionStatus | null> {
  const subscription = await registration.pushManager.getSubscription();
  if (!subscription) return null;
  const { endpoint } = subscription;
  await subscription.unsubscribe();
  return notificationsOf(client).push.unsubscribe(endpoint);
}
