export type { SsCommentDeletedEvent } from './ss-comment-deleted.js';
export type { SsCommentEditedEvent } from './ss-comment-edited.js';
export type { SsCommentPostedEvent } from './ss-comment-posted.js';
export type { SsErrorAction, SsErrorEvent } from './ss-error.js';
export type { SsModerationActionEvent } from './ss-moderation-action.js';
export type { SsReactionChangedEvent } from './ss-reaction-changed.js';
export type { SsSignedInEvent } from './ss-signed-in.js';
