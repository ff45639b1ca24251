import { z } from 'zod';
import { EMAIL_FREQUENCIES, NOTIFICATION_CHANNELS, NOTIFICATION_TYPES } from '../notifications.js';
import { Actor } from './activity.js';
import { Cursor, Id, Limit, listOf, Timestamp, UserId } from './common.js';

export const NotificationTypeSchema = z.enum(NOTIFICATION_TYPES).meta({ id: 'NotificationType' });
export const NotificationChannelSchema = z.enum(NOTIFICATION_CHANNELS).meta({ id: 'NotificationChannel' });
export const EmailFrequencySchema = z.enum(EMAIL_FREQUENCIES).meta({ id: 'EmailFrequency' });

/**
 * One inbox item. Notifications about the same thing (likes of one comment, new followers, a
 * thread's new comments) are grouped while unread: "Ann and 4 others liked your comment". The
 * item keeps every underlying notification (`notification_ids`, newest first, at most 50 listed;
 * `count` is exact).
 */
export const Notification = z
  .object({
    /** The inbox item's id (mark-read, archive and delete take these). */
    id: Id,
    user_id: UserId,
    notification_type: NotificationTypeSchema,
    /** The most recent actor (the seed's `actor_id`). */
    actor_id: UserId.nullable(),
    /** Up to three most recent distinct actors, newest first. */
    actors: z.array(Actor).max(3),
    /** Distinct actors in the group. */
    actor_count: z.number().int().min(0),
    /** Underlying notifications in the group. */
    count: z.number().int().min(1),
    notification_ids: z.array(Id),
    target_type: z.enum(['content', 'comment', 'user']),
    /** A content key, comment id or user id. */
    target_id: z.string(),
    /** The content the notification is about (for links), when there is one. */
    content_id: z.string().nullable(),
    /** Where the host page shows it, when known. */
    url: z.string().nullable(),
    /** A short excerpt: the comment's text, or the content's title. */
    excerpt: z.string().nullable(),
    /** Readable text in English, e.g. "Ann and 4 others liked your comment". */
    message: z.string(),
    is_read: z.boolean(),
    is_archived: z.boolean(),
    /** When the group was last added to. */
    created_at: Timestamp,
  })
  .meta({ id: 'Notification' });
export const NotificationList = listOf(Notification).meta({ id: 'NotificationList' });

const BoolParam = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const ListNotificationsQuery = z.object({
  limit: Limit,
  cursor: Cursor.optional(),
  /** The seed's page-number pagination, accepted for compatibility; `cursor` wins. */
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  is_read: BoolParam.optional(),
  type: NotificationTypeSchema.optional(),
  /** Archived items instead of the inbox. */
  archived: BoolParam.optional(),
});

/** The seed's `notification_ids[]`, or `all: true` for everything unread. */
export const MarkReadBody = z
  .union([
    z.object({ notification_ids: z.array(Id).min(1).max(500), is_read: z.boolean().default(true) }),
    z.object({ all: z.literal(true), type: NotificationTypeSchema.optional() }),
  ])
  .meta({ id: 'MarkReadBody' });
export const ArchiveBody = z
  .object({ notification_ids: z.array(Id).min(1).max(500), archived: z.boolean().default(true) })
  .meta({ id: 'ArchiveBody' });
export const NotificationIdParams = z.object({ notification_id: Id });

export const UnreadCount = z.object({ unread_count: z.number().int().min(0) }).meta({ id: 'UnreadCount' });
/**
 * `GET /api/notifications/unread-count/`: `count` is the contract's name for it (`{ "count": n }`),
 * `unread_count` the one every other answer and event uses.
 */
export const UnreadCountAnswer = z
  .object({ count: z.number().int().min(0), unread_count: z.number().int().min(0) })
  .meta({ id: 'UnreadCountAnswer' });
export const MarkReadResult = z
  .object({ updated: z.number().int().min(0), unread_count: z.number().int().min(0) })
  .meta({ id: 'MarkReadResult' });

/** Channels on or off for one type. */
export const ChannelSwitches = z
  .object({ in_app: z.boolean(), email: z.boolean(), push: z.boolean() })
  .meta({ id: 'ChannelSwitches' });

export const NotificationPreferences = z
  .object({
    types: z.record(NotificationTypeSchema, ChannelSwitches),
    email_frequency: EmailFrequencySchema,
    /** Whether the server can send email at all (SMTP configured) and knows the user's address. */
    email_available: z.boolean(),
    /** Whether the server has web push configured (VAPID). */
    push_available: z.boolean(),
  })
  .meta({ id: 'NotificationPreferences' });

/** Partial changes: only the switches named change. */
export const PreferencesPatch = z
  .object({
    types: z.partialRecord(NotificationTypeSchema, ChannelSwitches.partial()).optional(),
    email_frequency: EmailFrequencySchema.optional(),
  })
  .meta({ id: 'PreferencesPatch' });

/** Site defaults, in site settings as `notification_defaults`. */
export const NotificationDefaults = z.object({
  types: z.partialRecord(NotificationTypeSchema, ChannelSwitches.partial()).optional(),
  email_frequency: EmailFrequencySchema.optional(),
});

/** `data` of every new-notification event on `notifications:user:{id}`. */
export const NotificationEventData = z.object({ notification: Notification, unread_count: z.number().int() });
/** `data` of `unread_count` (a read, archive or delete elsewhere). */
export const UnreadCountEventData = UnreadCount;

/** A browser's PushSubscription.toJSON(). */
export const PushSubscriptionBody = z
  .object({
    endpoint: z
      .string()
      .url()
      .max(2000)
      .regex(/^https:\/\//i, 'must be an https URL'),
    expirationTime: z.number().nullable().optional(),
    keys: z.object({
      p256dh: z
        .string()
        .max(200)
        .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be base64url'),
      auth: z
        .string()
        .max(100)
        .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be base64url'),
    }),
  })
  .meta({ id: 'PushSubscriptionBody' });
export const PushUnsubscribeBody = z
  .object({ endpoint: z.string().url().max(2000) })
  .meta({ id: 'PushUnsubscribeBody' });
export const PushConfig = z
  .object({
    /** The VAPID public key (base64url) for `applicationServerKey`; null when push is off. */
    public_key: z.string().nullable(),
    /** The service worker script sites import into their own (`importScripts`). */
    service_worker_url: z.string(),
  })
  .meta({ id: 'PushConfig' });
export const PushSubscriptionStatus = z
  .object({ endpoint: z.string(), subscribed: z.boolean() })
  .meta({ id: 'PushSubscriptionStatus' });

/** What a push message carries (encrypted per RFC 8291); the service worker shows it. */
export const PushPayload = z.object({
  title: z.string(),
  body: z.string(),
  url: z.string().nullable(),
  tag: z.string(),
  notification_id: z.string(),
  unread_count: z.number().int(),
});
