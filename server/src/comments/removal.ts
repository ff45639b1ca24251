import { nowIso } from '../ids.js';
import type { DialectKind } from '../store/database.js';
import { type Db, lockForUpdate } from '../store/db.js';
import type { CommentRow } from '../store/schema.js';
import { scores } from './ranking.js';

async function hasChildren(tx: Db, id: number): Promise<boolean> {
  const child = await tx
    .selectFrom('comments')
    .select('id')
    .where('parent_comment_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  return child !== undefined;
}

async function dropReactions(tx: Db, row: CommentRow): Promise<void> {
  await tx
    .deleteFrom('reactions')
    .where('site_id', '=', row.site_id)
    .where('target_type', '=', 'comment')
    .where('target_id', '=', Number(row.id))
    .execute();
  await tx
    .deleteFrom('reaction_counts')
    .where('site_id', '=', row.site_id)
    .where('target_type', '=', 'comment')
    .where('target_id', '=', Number(row.id))
    .execute();
}

/**
 * Deletes a comment, keeping thread shape: with replies it becomes a tombstone; without, it
 * goes, and so does every tombstone above it that it was the last reply of. All comment rows
 * are touched before the content row so lock order matches comment creation (no deadlocks).
 */
export async function removeComment(
  tx: Db,
  kind: DialectKind,
  row: CommentRow,
): Promise<'tombstone' | 'removed'> {
  const id = Number(row.id);
  let visibleRemoved = 0;
  let outcome: 'tombstone' | 'removed';

  await dropReactions(tx, row);
  await tx.deleteFrom('comment_mentions').where('comment_id', '=', id).execute();

  if (await hasChildren(tx, id)) {
    await tx
      .updateTable('comments')
      .set({
        is_deleted: 1,
        comment_text: '',
        html: '',
        like_count: 0,
        ups: 0,
        downs: 0,
        ...scores(0, 0, row.created_at),
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    if (row.is_approved === 1) visibleRemoved += 1;
    outcome = 'tombstone';
  } else {
    let current: CommentRow | undefined = row;
    outcome = 'removed';
    while (current) {
      await tx.deleteFrom('comments').where('id', '=', Number(current.id)).execute();
      if (current.is_approved === 1 && current.is_deleted === 0) visibleRemoved += 1;
      if (current.parent_comment_id === null) break;
      const parentId: number = Number(current.parent_comment_id);
      if (current.is_approved === 1) {
        await tx
          .updateTable('comments')
          .set((eb) => ({ reply_count: eb('reply_count', '-', 1) }))
          .where('id', '=', parentId)
          .execute();
      }
      const parent: CommentRow | undefined = await lockForUpdate(
        kind,
        tx.selectFrom('comments').selectAll().where('id', '=', parentId),
      ).executeTakeFirst();
      // A tombstone exists only to hold replies; once the last one goes, it goes too.
      current = parent && parent.is_deleted === 1 && !(await hasChildren(tx, parentId)) ? parent : undefined;
    }
  }

  if (visibleRemoved > 0) {
    await tx
      .updateTable('contents')
      .set((eb) => ({ comment_count: eb('comment_count', '-', visibleRemoved) }))
      .where('id', '=', Number(row.content_ref))
      .execute();
  }
  return outcome;
}
