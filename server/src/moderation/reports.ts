import { ErrorCode, type Report } from '@sharestack/protocol';
import type { ReportBody } from '@sharestack/protocol/schemas';
import type { z } from 'zod';
import { canSee } from '../comments/list.js';
import { visibilityOf } from '../comments/service.js';
import type { Principal } from '../http/env.js';
import { notFound, ProblemError } from '../http/problem.js';
import { nowIso, parseId, wireId } from '../ids.js';
import type { SiteRecord } from '../sites/service.js';
import type { DialectKind } from '../store/database.js';
import { type Db, lockForUpdate } from '../store/db.js';
import { setApproved } from './approval.js';
import { audit, SYSTEM_ACTOR } from './audit.js';
import { enqueue, type ItemRow } from './items.js';

export type ReportInput = z.output<typeof ReportBody>;

export interface ReportOutcome {
  report: Report;
  item: ItemRow;
  contentKey: string;
  hidden: boolean;
}

/**
 * A user flags a comment: one report per user and comment. The comment joins the queue; when
 * the site's threshold of reports is reached it is hidden until a moderator decides.
 */
export async function fileReport(
  tx: Db,
  kind: DialectKind,
  site: SiteRecord,
  viewer: Principal,
  input: ReportInput,
): Promise<ReportOutcome> {
  const id = parseId(input.comment_id);
  const row =
    id === null
      ? undefined
      : await lockForUpdate(
          kind,
          tx.selectFrom('comments').selectAll().where('site_id', '=', site.id).where('id', '=', id),
        ).executeTakeFirst();
  if (!row || !canSee(row, visibilityOf(viewer)))
    throw notFound(ErrorCode.CommentNotFound, 'There is no such comment.');
  if (row.is_deleted === 1)
    throw new ProblemError(410, ErrorCode.CommentDeleted, 'That comment has been deleted.');

  const now = nowIso();
  const inserted = await tx
    .insertInto('moderation_reports')
    .values({
      site_id: site.id,
      comment_id: Number(row.id),
      user_id: viewer.id,
      reason: input.reason,
      details: input.details ?? null,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['site_id', 'comment_id', 'user_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted)
    throw new ProblemError(409, ErrorCode.AlreadyReported, 'You have already reported this comment.');

  let item = await enqueue(tx, {
    siteId: site.id,
    commentId: Number(row.id),
    contentRef: Number(row.content_ref),
    userId: row.user_id,
    priority: 'normal',
    reasons: ['reports'],
    reportDelta: 1,
  });
  let hidden = false;
  if (row.is_approved === 1 && Number(item.report_count) >= site.settings.report_hide_threshold) {
    hidden = await setApproved(tx, row, false);
    item = await enqueue(tx, {
      siteId: site.id,
      commentId: Number(row.id),
      contentRef: Number(row.content_ref),
      userId: row.user_id,
      priority: 'urgent',
      reasons: ['hidden_by_reports'],
    });
    await audit(tx, site.id, {
      moderatorId: SYSTEM_ACTOR,
      action: 'auto_hide',
      targetType: 'comment',
      targetId: String(row.id),
      reason: `${item.report_count} reports`,
      details: { item_id: String(item.id) },
    });
  }
  const content = await tx
    .selectFrom('contents')
    .select('key')
    .where('id', '=', row.content_ref)
    .executeTakeFirstOrThrow();
  return {
    report: {
      id: wireId(inserted.id),
      comment_id: wireId(row.id),
      reason: input.reason,
      details: input.details ?? null,
      created_at: now,
      hidden,
    },
    item,
    contentKey: content.key,
    hidden,
  };
}
