import { sql } from 'kysely';
import type { Events } from '../events.js';
import type { Db } from '../store/db.js';
import { excerptOf } from './generate.js';

/**
 * Inbox items quote the comment they are about (`excerpt`). When that comment is edited the
 * quote follows it, and when it is deleted or hidden from readers (reports, a moderator) the
 * quote goes: a comment's words must not outlive it in other people's inboxes. Emails already
 * sent cannot be taken back.
 */
export function followExcerpts(db: Db, events: Events, onError: (err: unknown) => void): () => void {
  const quote = (siteId: string, commentId: string, excerpt: string | null) =>
    db
      .updateTable('notification_groups')
      .set({ excerpt })
      .where('site_id', '=', siteId)
      .where('target_id', '=', commentId)
      // The literal matches the partial index notification_groups_comment (migration 0014).
      .where('target_type', '=', sql.lit('comment'))
      .execute()
      .catch(onError);
  const off = [
    events.on('comment.updated', (p) => {
      if (p.comment.is_approved) void quote(p.siteId, p.comment.id, excerptOf(p.comment.html));
    }),
    events.on('comment.deleted', (p) => void quote(p.siteId, p.id, null)),
    events.on('comment.hidden', (p) => void quote(p.siteId, p.id, null)),
  ];
  return () => {
    for (const f of off) f();
  };
}
