export type { SsBookmarkChangedDetail, SsBookmarkChangedEvent } from './ss-bookmark-changed.js';
export type { SsCommentDeletedDetail, SsCommentDeletedEvent } from './ss-comment-deleted.js';
export type { SsCommentEditedDetail, SsCommentEditedEvent } from './ss-comment-edited.js';
export type { SsCommentPostedDetail, SsCommentPostedEvent } from './ss-comment-posted.js';
export type { SsCommentReportedDetail, SsCommentReportedEvent } from './ss-comment-reported.js';
export type { SsErrorAction, SsErrorDetail, SsErrorEvent } from './ss-error.js';
export type { SsFollowChangedDetail, SsFollowChangedEvent } from './ss-follow-changed.js';
export type { SsModerationActionDetail, SsModerationActionEvent } from './ss-moderation-action.js';
export type { SsNotificationClickDetail, SsNotificationClickEvent } from './ss-notification-click.js';
export type {
  SsNotificationPreferencesChangedDetail,
  SsNotificationPreferencesChangedEvent,
  SsPushChangedDetail,
  SsPushChangedEvent,
} from './ss-notification-preferences-changed.js';
export type { SsReactionChangedDetail, SsReactionChangedEvent } from './ss-reaction-changed.js';
export type { SsShareDetail, SsShareEvent } from './ss-share.js';
export type { SsSignedInDetail, SsSignedInEvent } from './ss-signed-in.js';
