import type { Notification } from '@sharestack/protocol';

/** `detail` of the `ss-notification-click` event. */
export interface SsNotificationClickDetail {
  notification: Notification;
}

/**
 * The viewer chose a notification. Cancelable: `preventDefault()` keeps the page where it is (a
 * single-page app routes to `notification.url` itself); the item is marked read either way.
 */
export type SsNotificationClickEvent = CustomEvent<SsNotificationClickDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-notification-click': SsNotificationClickEvent;
  }
}
