import type { NotificationPreferences } from '@sharestack/protocol';

/** The viewer changed a notification preference; `preferences` are the server's, after the change. */
export type SsNotificationPreferencesChangedEvent = CustomEvent<{ preferences: NotificationPreferences }>;

/** Web push was turned on or off in this browser. */
export type SsPushChangedEvent = CustomEvent<{ subscribed: boolean; endpoint: string | null }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-notification-preferences-changed': SsNotificationPreferencesChangedEvent;
    'ss-push-changed': SsPushChangedEvent;
  }
}
