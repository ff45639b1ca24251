export type { SsBookmarkChangedEvent } from './ss-bookmark-changed.js';
export type { SsCommentDeletedEvent } from './ss-comment-deleted.js';
export type { SsCommentEditedEvent } from './ss-comment-edited.js';
export type { SsCommentPostedEvent } from './ss-comment-posted.js';
export type { SsCommentReportedEvent } from './ss-comment-reported.js';
export type { SsErrorAction, SsErrorEvent } from './ss-error.js';
export type { SsFollowChangedEvent } from './ss-follow-changed.js';
export type { SsModerationActionEvent } from './ss-moderation-action.js';
export type { SsNotificationClickEvent } from './ss-notification-click.js';
export type {
  SsNotificationPreferencesChangedEvent,
  SsPushChangedEvent,
} from './ss-notification-preferences-changed.js';
export type { SsReactionChangedEvent } from './ss-reaction-changed.js';
export type { SsShareEvent } from './ss-share.js';
export type { SsSignedInEvent } from './ss-signed-in.js';
