/**
 * Notification constants, in a module of their own so bundles that show no notifications
 * (a comment thread) do not carry them.
 */

/**
 * What a notification is about: the seed's five, plus `reply` (to your comment) split out of
 * `comment` (on your content).
 */
export const NotificationType = {
  Follow: 'follow',
  Like: 'like',
  Comment: 'comment',
  Reply: 'reply',
  Mention: 'mention',
  ContentUpdate: 'content_update',
} as const;
export type NotificationType = (typeof NotificationType)[keyof typeof NotificationType];
export const NOTIFICATION_TYPES = Object.values(NotificationType);

/** Where a notification can be delivered. */
export const NotificationChannel = { InApp: 'in_app', Email: 'email', Push: 'push' } as const;
export type NotificationChannel = (typeof NotificationChannel)[keyof typeof NotificationChannel];
export const NOTIFICATION_CHANNELS = Object.values(NotificationChannel);

/** How often email goes out: each notification on its own, or batched into a digest. */
export const EmailFrequency = {
  Instant: 'instant',
  Hourly: 'hourly',
  Daily: 'daily',
  Off: 'off',
} as const;
export type EmailFrequency = (typeof EmailFrequency)[keyof typeof EmailFrequency];
export const EMAIL_FREQUENCIES = Object.values(EmailFrequency);

/**
 * The event a new notification is pushed as on `notifications:user:{id}` (the seed's
 * NOTIFICATION_EVENTS). Every one carries `{notification, unread_count}`.
 */
export const NOTIFICATION_EVENTS = {
  follow: 'new_follower',
  like: 'new_like',
  comment: 'new_comment',
  reply: 'new_comment',
  mention: 'content_mention',
  content_update: 'creator_update',
} as const satisfies Record<NotificationType, string>;
