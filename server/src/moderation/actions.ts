import { ErrorCode, type ModerationAction } from '@sharestack/protocol';
import type { ModerationActionBody } from '@sharestack/protocol/schemas';
import type { z } from 'zod';
import { removeComment } from '../comments/removal.js';
import type { Principal } from '../http/env.js';
import { notFound, ProblemError } from '../http/problem.js';
import { nowIso, parseId } from '../ids.js';
import type { SiteRecord } from '../sites/service.js';
import type { DialectKind } from '../store/database.js';
import { type Db, lockForUpdate } from '../store/db.js';
import type { CommentRow } from '../store/schema.js';
import { setApproved } from './approval.js';
import { audit } from './audit.js';
import { putBan } from './bans.js';
import type { ItemRow } from './items.js';
import { learn } from './learning.js';

export type ActionInput = z.output<typeof ModerationActionBody>;

/** What an action changed that others should hear about once it commits. */
export interface ActionOutcome {
  item: ItemRow;
  contentKey: string;
  commentId: number;
  /** The comment became visible to everyone. */
  approved: boolean;
  /** The comment stopped being visible to everyone. */
  hidden: boolean;
  /**
   * The comment is left unpublished by a moderator's decision (reject, spam, a ban): its
   * author and moderators should hear how it stands now.
   */
  withheld: boolean;
  deleted: 'tombstone' | 'removed' | null;
  /** Whether everyone could see the comment before the action. */
  wasVisible: boolean;
  authorId: string;
}

export const itemMissing = () => notFound(ErrorCode.ItemNotFound, 'There is no such moderation item.');

/** The item, locked, if this moderator may act on it now (nobody else holds an unexpired lease). */
export async function lockedItem(tx: Db, kind: DialectKind, site: SiteRecord, mod: Principal, rawId: string) {
  const id = parseId(rawId);
  const item =
    id === null
      ? undefined
      : await lockForUpdate(
          kind,
          tx.selectFrom('moderation_items').selectAll().where('site_id', '=', site.id).where('id', '=', id),
        ).executeTakeFirst();
  if (!item) throw itemMissing();
  if (
    item.assigned_to &&
    item.assigned_to !== mod.id &&
    item.lease_expires_at &&
    item.lease_expires_at > nowIso()
  ) {
    throw new ProblemError(
      409,
      ErrorCode.ItemLeased,
      `Another moderator (${item.assigned_to}) holds this item until ${item.lease_expires_at}.`,
    );
  }
  return item;
}

/** Applies one moderator action to one queue item, inside the caller's transaction. */
export async function applyAction(
  tx: Db,
  kind: DialectKind,
  site: SiteRecord,
  mod: Principal,
  item: ItemRow,
  input: ActionInput,
): Promise<ActionOutcome> {
  const commentId = Number(item.comment_id);
  const row = (await lockForUpdate(
    kind,
    tx.selectFrom('comments').selectAll().where('id', '=', commentId),
  ).executeTakeFirstOrThrow()) as CommentRow;
  const content = await tx
    .selectFrom('contents')
    .select('key')
    .where('id', '=', row.content_ref)
    .executeTakeFirstOrThrow();
  const wasVisible = row.is_approved === 1;
  const out: ActionOutcome = {
    item,
    contentKey: content.key,
    commentId,
    approved: false,
    hidden: false,
    withheld: false,
    deleted: null,
    wasVisible: row.is_approved === 1 && row.is_shadowed !== 1,
    authorId: row.user_id,
  };
  const action: ModerationAction = input.action;
  const reason = input.reason ?? null;

  switch (action) {
    case 'approve':
      out.approved = await setApproved(tx, row, true);
      if (row.is_deleted === 0) await learn(tx, site.id, row.comment_text, false);
      break;
    case 'reject':
      out.hidden = await setApproved(tx, row, false);
      break;
    case 'spam':
      out.hidden = await setApproved(tx, row, false);
      if (row.is_deleted === 0) await learn(tx, site.id, row.comment_text, true);
      break;
    case 'delete':
      out.deleted = await removeComment(tx, kind, row);
      break;
    case 'ban':
    case 'shadow_ban': {
      const ban = await putBan(tx, site.id, {
        user_id: row.user_id,
        kind: action,
        reason,
        created_by: mod.id,
        duration_seconds: input.duration_seconds,
      });
      out.hidden = await setApproved(tx, row, false, action === 'shadow_ban');
      await audit(tx, site.id, {
        moderatorId: mod.id,
        action,
        targetType: 'user',
        targetId: row.user_id,
        reason,
        details: { expires_at: ban.expires_at, item_id: String(item.id) },
      });
      break;
    }
  }

  // Everything but an approval or a deletion leaves the comment to its author and moderators.
  out.withheld = action !== 'approve' && action !== 'delete' && row.is_deleted === 0;

  const now = nowIso();
  const resolved = {
    status: 'resolved' as const,
    resolution: action,
    resolved_by: mod.id,
    assigned_to: null,
    lease_expires_at: null,
    // An approval answers the reports so far; only new ones count towards hiding it again.
    ...(action === 'approve' ? { report_count: 0 } : {}),
    updated_at: now,
  };
  if (out.deleted !== 'removed') {
    await tx.updateTable('moderation_items').set(resolved).where('id', '=', item.id).execute();
  }
  out.item = { ...item, ...resolved };
  await audit(tx, site.id, {
    moderatorId: mod.id,
    action,
    targetType: 'comment',
    targetId: String(commentId),
    reason,
    details: {
      item_id: String(item.id),
      was_visible: wasVisible,
      ...(out.deleted ? { outcome: out.deleted } : {}),
    },
  });
  return out;
}
