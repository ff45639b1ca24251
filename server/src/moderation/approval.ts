import type { Db } from '../store/db.js';
import type { CommentRow } from '../store/schema.js';

/**
 * Shows or hides a comment for everyone but its author and moderators, keeping the counters
 * exact: they count approved comments only (comment_count without tombstones, reply_count
 * with them). Returns whether anything changed. The comment triggers bump contents.version.
 */
export async function setApproved(
  tx: Db,
  row: Pick<CommentRow, 'id' | 'is_approved' | 'is_deleted' | 'parent_comment_id' | 'content_ref'>,
  approved: boolean,
  shadowed = false,
): Promise<boolean> {
  const id = Number(row.id);
  const was = row.is_approved === 1;
  await tx
    .updateTable('comments')
    .set({ is_approved: approved ? 1 : 0, is_shadowed: !approved && shadowed ? 1 : 0 })
    .where('id', '=', id)
    .execute();
  if (was === approved) return false;
  const delta = approved ? 1 : -1;
  if (row.parent_comment_id !== null) {
    await tx
      .updateTable('comments')
      .set((eb) => ({ reply_count: eb('reply_count', '+', delta) }))
      .where('id', '=', Number(row.parent_comment_id))
      .execute();
  }
  if (row.is_deleted === 0) {
    await tx
      .updateTable('contents')
      .set((eb) => ({ comment_count: eb('comment_count', '+', delta) }))
      .where('id', '=', Number(row.content_ref))
      .execute();
  }
  return true;
}
