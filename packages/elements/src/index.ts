export { SsActivityFeed } from './components/activity-feed/activity-feed.component.js';
export { SsBookmarkButton } from './components/bookmark-button/bookmark-button.component.js';
export { SsComment } from './components/comment/comment.component.js';
export { SsComments } from './components/comments/comments.component.js';
export { SsComposer } from './components/composer/composer.component.js';
export { SsFollowButton } from './components/follow-button/follow-button.component.js';
export { SsGuestForm } from './components/guest-form/guest-form.component.js';
export { SsModerationQueue } from './components/moderation-queue/moderation-queue.component.js';
export { SsNotificationBell } from './components/notification-bell/notification-bell.component.js';
export {
  type NotificationView,
  SsNotificationList,
} from './components/notification-list/notification-list.component.js';
export { SsNotificationPreferences } from './components/notification-preferences/notification-preferences.component.js';
export { SsProfileCard } from './components/profile-card/profile-card.component.js';
export { SsProvider } from './components/provider/provider.component.js';
export { type ReactionsValue, SsReactions } from './components/reactions/reactions.component.js';
export { SsReportDialog } from './components/report-dialog/report-dialog.component.js';
export { SsShareButton } from './components/share-button/share-button.component.js';
export { clientContext, getDefaultClient, setDefaultClient } from './context.js';
export type * from './events/events.js';
export { getLocale, type Locale, setLocale } from './localization.js';
