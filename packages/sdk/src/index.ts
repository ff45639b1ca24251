export type { AuthClient } from './auth.js';
export { type ClientOptions, createClient, type ShareStackClient } from './client.js';
export type { CommentsClient } from './comments.js';
export { isShareStackError, ShareStackError } from './errors.js';
export type { TokenSource } from './http.js';
export type { AuditQuery, ModerationClient } from './moderation.js';
export type { PrivacyClient } from './privacy.js';
export type { ReactionsClient } from './reactions.js';
export type {
  ModerationQueueOptions,
  ModerationQueueState,
  ModerationQueueStore,
} from './stores/moderation-queue-store.js';
export { applyReaction, type ReactionState } from './stores/reaction-math.js';
export type { ReactionStore, ReactionStoreState } from './stores/reaction-store.js';
export type { ThreadOptions, ThreadState, ThreadStatus, ThreadStore } from './stores/thread-store.js';
export { countAll, type ThreadComment } from './stores/tree.js';
