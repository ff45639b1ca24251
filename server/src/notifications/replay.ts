import {
  type Notification,
  type NotificationEventData,
  RealtimeEvent,
  type UnreadCountEventData,
} from '@sharestack/protocol';
import { type Replayer, registerReplay, type StoredReference } from '../realtime/journal.js';
import { groupQuery, presentGroups } from './present.js';

/**
 * A notification event as the journal keeps it: the inbox item's id and the unread count it
 * announced. A creator's update reaches every follower's topic; journaling each whole item would
 * write the same few hundred bytes tens of thousands of times for replays that mostly never
 * happen. A replay (a socket resuming, a process catching up) rebuilds the item from the inbox.
 */
export interface NotificationReference extends StoredReference {
  replay: 'notification';
  id: string;
  unread_count: number;
}

export const notificationReference = (id: string, unread: number): NotificationReference => ({
  replay: 'notification',
  id,
  unread_count: unread,
});

/**
 * Rebuilds referenced items as they are now (an item that grew since arrives grown, as a live
 * update of it would). An item deleted since becomes the `unread_count` event it still implies,
 * so the topic's numbering keeps no gap.
 */
const replayNotifications: Replayer = async (db, siteId, refs) => {
  const ids = [...new Set(refs.map((r) => Number((r.stored as NotificationReference).id)))];
  const items = new Map<string, Notification>();
  for (let i = 0; i < ids.length; i += 500) {
    const groups = await groupQuery(db, siteId)
      .where('g.id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const n of await presentGroups(db, siteId, groups)) items.set(n.id, n);
  }
  return refs.map(({ event, stored }) => {
    const ref = stored as NotificationReference;
    const notification = items.get(ref.id);
    if (!notification) {
      const data: UnreadCountEventData = { unread_count: ref.unread_count };
      return { event: RealtimeEvent.UnreadCount, data: JSON.stringify(data) };
    }
    const data: NotificationEventData = { notification, unread_count: ref.unread_count };
    return { event, data: JSON.stringify(data) };
  });
};

registerReplay('notification', replayNotifications);
