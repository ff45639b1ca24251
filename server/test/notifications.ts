import type { Comment, NotificationList } from '@sharestack/protocol';
import type { Harness } from './harness.js';
import { socialFixture } from './social.js';

/** The social fixture, plus comments, the inbox and the unread count, with the workers drained. */
export async function notificationsFixture(h: Harness) {
  const f = await socialFixture(h);
  const drain = async () => {
    await h.services.activity.settled();
    await h.services.notifications.worker.drain();
  };
  const comment = async (user: string, text: string, parent: string | null = null, content = 'post-1') =>
    f.ok<Comment>(
      'POST',
      '/api/comments/',
      user,
      { content_id: content, comment_text: text, parent_comment_id: parent },
      201,
    );
  const inbox = async (user: string, query = '') => {
    await drain();
    return f.ok<NotificationList>('GET', `/api/notifications/${query}`, user);
  };
  const unread = async (user: string) =>
    (await f.ok<{ unread_count: number }>('GET', '/api/notifications/unread-count/', user)).unread_count;
  return { ...f, drain, comment, inbox, unread };
}
