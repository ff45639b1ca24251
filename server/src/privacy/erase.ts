import type { AccountDeletionResult, TargetType } from '@sharestack/protocol';
import { removeComment } from '../comments/removal.js';
import { applyDeltas } from '../reactions/counts.js';
import type { DialectKind } from '../store/database.js';
import { type Db, lockForUpdate } from '../store/db.js';

/** Who a deleted user's moderator actions are attributed to afterwards. */
export const DELETED_USER = 'deleted-user';

export interface ErasedComment {
  id: number;
  contentKey: string;
  outcome: 'tombstone' | 'removed';
  /** Whether everyone could see it (only then is its removal announced). */
  wasVisible: boolean;
}

/**
 * Removes or anonymises everything a user did on a site, inside one transaction: reactions
 * (counts follow), reports, comments (removed, or kept as authorless tombstones where others
 * replied, so threads keep their shape), the user row; their moderator actions stay in the
 * audit log under DELETED_USER.
 */
export async function eraseUser(
  tx: Db,
  kind: DialectKind,
  siteId: string,
  userId: string,
): Promise<{ result: AccountDeletionResult; comments: ErasedComment[] }> {
  const result: AccountDeletionResult = {
    user_id: userId,
    comments_removed: 0,
    comments_anonymised: 0,
    reactions_removed: 0,
    reports_removed: 0,
    sections_removed: {},
  };

  // Comments first (deepest first), so lock order matches writes elsewhere: comment rows, then contents.
  const mine = await tx
    .selectFrom('comments as c')
    .innerJoin('contents as t', 't.id', 'c.content_ref')
    .select(['c.id', 't.key'])
    .where('c.site_id', '=', siteId)
    .where('c.user_id', '=', userId)
    .orderBy('c.depth', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
  const erased: ErasedComment[] = [];
  for (const { id, key } of mine) {
    // An earlier removal may have taken this row with it (a tombstone whose last reply went).
    const row = await lockForUpdate(
      kind,
      tx.selectFrom('comments').selectAll().where('id', '=', Number(id)),
    ).executeTakeFirst();
    if (!row) continue;
    if (row.is_deleted === 0) {
      const outcome = await removeComment(tx, kind, row);
      erased.push({
        id: Number(id),
        contentKey: key,
        outcome,
        wasVisible: row.is_approved === 1 && row.is_shadowed !== 1,
      });
    }
    await tx.updateTable('comments').set({ user_id: '' }).where('id', '=', Number(id)).execute();
    await tx.deleteFrom('moderation_items').where('comment_id', '=', Number(id)).execute();
  }
  result.comments_removed = erased.filter((e) => e.outcome === 'removed').length;
  result.comments_anonymised = erased.filter((e) => e.outcome === 'tombstone').length;

  const reactions = await tx
    .deleteFrom('reactions')
    .where('site_id', '=', siteId)
    .where('user_id', '=', userId)
    .returning(['target_type', 'target_id', 'reaction_type'])
    .execute();
  // Comment targets before content targets, each in id order: the lock order of reacting.
  const ordered = [...reactions].sort(
    (a, b) =>
      (a.target_type === b.target_type ? 0 : a.target_type === 'comment' ? -1 : 1) ||
      Number(a.target_id) - Number(b.target_id),
  );
  for (const r of ordered) {
    await applyDeltas(
      tx,
      siteId,
      r.target_type as TargetType,
      Number(r.target_id),
      new Map([[r.reaction_type, -1]]),
    );
  }
  result.reactions_removed = reactions.length;

  const reports = await tx
    .deleteFrom('moderation_reports')
    .where('site_id', '=', siteId)
    .where('user_id', '=', userId)
    .returning('comment_id')
    .execute();
  for (const r of reports) {
    await tx
      .updateTable('moderation_items')
      .set((eb) => ({ report_count: eb('report_count', '-', 1) }))
      .where('site_id', '=', siteId)
      .where('comment_id', '=', Number(r.comment_id))
      .where('report_count', '>', 0)
      .execute();
  }
  result.reports_removed = reports.length;

  await tx
    .updateTable('moderation_items')
    .set({ assigned_to: null, lease_expires_at: null })
    .where('site_id', '=', siteId)
    .where('assigned_to', '=', userId)
    .execute();
  await tx
    .updateTable('moderation_items')
    .set({ resolved_by: DELETED_USER })
    .where('site_id', '=', siteId)
    .where('resolved_by', '=', userId)
    .execute();
  await tx
    .updateTable('moderation_log')
    .set({ moderator_id: DELETED_USER })
    .where('site_id', '=', siteId)
    .where('moderator_id', '=', userId)
    .execute();
  await tx.deleteFrom('users').where('site_id', '=', siteId).where('id', '=', userId).execute();
  return { result, comments: erased };
}
