export { type ActivityClient, activityOf } from './activity.js';
export type { AuthClient } from './auth.js';
export { type ClientOptions, createClient, type ShareStackClient } from './client.js';
export type { CommentsClient } from './comments.js';
export { isShareStackError, ShareStackError } from './errors.js';
export type { Http, Query, TokenSource } from './http.js';
export {
  type AuditQuery,
  createModerationClient,
  type ModerationClient,
  moderationOf,
  reportComment,
} from './moderation.js';
export {
  createNotificationsClient,
  disablePush,
  enablePush,
  type NotificationQuery,
  type NotificationsClient,
  notificationsOf,
  type PushRegistration,
  vapidKeyBytes,
} from './notifications.js';
export { createPrivacyClient, type PrivacyClient, privacyOf } from './privacy.js';
export type { ReactionsClient } from './reactions.js';
export type {
  RealtimeClient,
  RealtimeOptions,
  RealtimeStatus,
  TopicHandlers,
} from './realtime/types.js';
export { type SocialClient, socialOf } from './social.js';
export {
  type BookmarkStore,
  type BookmarkStoreState,
  bookmarkStore,
  type SaveBookmark,
} from './stores/bookmark-store.js';
export { feedEntryOf } from './stores/feed-live.js';
export { type FeedStore, type FeedStoreState, feedStore, timelineStore } from './stores/feed-store.js';
export { type FollowStore, type FollowStoreState, followStore } from './stores/follow-store.js';
export {
  applyChange,
  type InboxChange,
  type InboxFilter,
  matches,
  unreadDelta,
} from './stores/inbox-math.js';
export {
  type InboxOptions,
  type InboxState,
  type InboxStore,
  inboxStore,
  unreadCountOf,
} from './stores/inbox-store.js';
/** Separate from the client so that only pages showing the queue carry it. */
export {
  createModerationQueueStore,
  type ModerationQueueOptions,
  type ModerationQueueState,
  type ModerationQueueStore,
} from './stores/moderation-queue-store.js';
export { type NotificationHub, notificationHub } from './stores/notification-hub.js';
export { type ProfileStore, type ProfileStoreState, profileStore } from './stores/profile-store.js';
export { applyReaction, type ReactionState } from './stores/reaction-math.js';
export type { ReactionStore, ReactionStoreState } from './stores/reaction-store.js';
export { type ShareStore, type ShareStoreState, shareStore } from './stores/share-store.js';
export type { ThreadOptions, ThreadState, ThreadStatus, ThreadStore } from './stores/thread-store.js';
export { countAll, type ThreadComment } from './stores/tree.js';
