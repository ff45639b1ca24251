import { msg, str } from '@lit/localize';
import type { Notification, NotificationType } from '@sharestack/protocol';
import { actorsText } from '../components/activity-feed/activity-text.js';

// Functions, not constants: msg() must run at render time to follow the current locale.

/** A type's name in the filter and the preferences table. */
export const notificationTypeLabel = (type: NotificationType): string =>
  ({
    follow: msg('New followers'),
    like: msg('Likes'),
    comment: msg('Comments on your posts'),
    reply: msg('Replies to your comments'),
    mention: msg('Mentions'),
    content_update: msg('Updates from creators you follow'),
  })[type];

/** "Ann and 4 others liked your comment", in the viewer's language (the server's text otherwise). */
export function notificationText(n: Notification): string {
  const who = actorsText(n.actors, n.actor_count);
  if (!who) return n.message;
  switch (n.notification_type) {
    case 'follow':
      return msg(str`${who} started following you`);
    case 'like':
      return n.target_type === 'comment'
        ? msg(str`${who} liked your comment`)
        : msg(str`${who} liked your post`);
    case 'comment':
      return msg(str`${who} commented on your post`);
    case 'reply':
      return msg(str`${who} replied to your comment`);
    case 'mention':
      return msg(str`${who} mentioned you`);
    case 'content_update':
      return msg(str`${who} published something new`);
    default:
      return n.message;
  }
}

/** "3 unread notifications" for the bell's label. */
export const unreadLabel = (count: number): string =>
  count === 0
    ? msg('Notifications, none unread')
    : count === 1
      ? msg('Notifications, 1 unread')
      : msg(str`Notifications, ${count} unread`);

/** The badge's number: exact up to 99. */
export const badgeText = (count: number): string => (count > 99 ? '99+' : String(count));

/** Only http(s) links are followed (a notification's url comes from the host's content). */
export const safeUrl = (url: string | null): string | null => (url && /^https?:\/\//i.test(url) ? url : null);
