import type { NotificationPreferences } from '@sharestack/protocol';

/** `detail` of the `ss-notification-preferences-changed` event. */
export interface SsNotificationPreferencesChangedDetail {
  preferences: NotificationPreferences;
}

/** The viewer changed a notification preference; `preferences` are the server's, after the change. */
export type SsNotificationPreferencesChangedEvent = CustomEvent<SsNotificationPreferencesChangedDetail>;

/** `detail` of the `ss-push-changed` event. */
export interface SsPushChangedDetail {
  subscribed: boolean;
  endpoint: string | null;
}

/** Web push was turned on or off in this browser. */
export type SsPushChangedEvent = CustomEvent<SsPushChangedDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-notification-preferences-changed': SsNotificationPreferencesChangedEvent;
    'ss-push-changed': SsPushChangedEvent;
  }
}
