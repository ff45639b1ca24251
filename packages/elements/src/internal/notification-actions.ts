import type { Notification } from '@sharestack/protocol';
import { emit } from './emit.js';
import { safeUrl } from './notification-text.js';

/**
 * What choosing a notification does, in the bell and in the list: `ss-notification-click`
 * (cancelable) first, then mark it read, then follow its link unless the page cancelled. Clicks
 * that open a new tab or window are left to the browser and only mark the item read.
 */
export async function openNotification(
  host: HTMLElement,
  n: Notification,
  e: MouseEvent,
  markRead: (n: Notification) => Promise<void>,
  beforeLeaving: () => void = () => {},
): Promise<void> {
  const url = safeUrl(n.url);
  if (url && (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)) {
    if (!n.is_read) void markRead(n);
    return;
  }
  e.preventDefault();
  const event = emit(host, 'ss-notification-click', { notification: n }, { cancelable: true });
  if (!n.is_read) await markRead(n);
  if (event.defaultPrevented || !url) return;
  beforeLeaving();
  location.assign(url);
}
