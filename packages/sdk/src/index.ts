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
export { createPrivacyClient, type PrivacyClient, privacyOf } from './privacy.js';
export type { ReactionsClient } from './reactions.js';
/** Separate from the client so that only pages showing the queue carry it. */
export {
  createModerationQueueStore,
  type ModerationQueueOptions,
  type ModerationQueueState,
  type ModerationQueueStore,
} from './stores/moderation-queue-store.js';
export { applyReaction, type ReactionState } from './stores/reaction-math.js';
export type { ReactionStore, ReactionStoreState } from './stores/reaction-store.js';
export type { ThreadOptions, ThreadState, ThreadStatus, ThreadStore } from './stores/thread-store.js';
export { countAll, type ThreadComment } from './stores/tree.js';
