import type { Generated } from 'kysely';

/** Tables of the notifications migration (0006); see migration-notifications.ts. */

export interface NotificationTriggersTable {
  id: Generated<number>;
  site_id: string;
  event: string;
  /** JSON of the domain event. */
  payload: string;
  created_at: string;
  attempts: Generated<number>;
  lease_until: string | null;
  last_error: string | null;
  cursor: string | null;
  /** Who caused it (erased with their account); null on triggers older than 0009. */
  actor_id: string | null;
}

export interface NotificationGroupsTable {
  id: Generated<number>;
  site_id: string;
  user_id: string;
  notification_type: string;
  group_key: string;
  target_type: string;
  target_id: string;
  content_key: string | null;
  url: string | null;
  excerpt: string | null;
  actor_id: string | null;
  count: Generated<number>;
  is_read: Generated<number>;
  is_archived: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface NotificationsTable {
  id: Generated<number>;
  site_id: string;
  user_id: string;
  actor_id: string | null;
  notification_type: string;
  target_type: string;
  target_id: string;
  message: string;
  is_read: Generated<number>;
  created_at: string;
  group_id: number | null;
  dedupe_key: string;
}

export interface NotificationPreferencesTable {
  site_id: string;
  user_id: string;
  types: string;
  email_frequency: string | null;
  updated_at: string;
}

export interface NotificationDeliveriesTable {
  id: Generated<number>;
  site_id: string;
  user_id: string;
  channel: string;
  notification_id: number;
  status: string;
  due_at: string;
  digest: Generated<number>;
  attempts: Generated<number>;
  lease_until: string | null;
  last_error: string | null;
  sent_at: string | null;
  message_id: string | null;
  created_at: string;
}

export interface PushSubscriptionsTable {
  id: Generated<number>;
  site_id: string;
  user_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  user_agent: string | null;
  created_at: string;
  last_success_at: string | null;
}

/** Unread inbox items per user, kept by triggers on notification_groups (0012, migration-unread.ts). */
export interface NotificationUnreadTable {
  site_id: string;
  user_id: string;
  count: number;
}
