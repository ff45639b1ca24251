import type { AuditEntry } from '@sharestack/protocol';
import type { Selectable } from 'kysely';
import { nowIso, wireId } from '../ids.js';
import type { Db } from '../store/db.js';
import type { ModerationLogTable } from '../store/schema.js';

/** Who acts when the system itself hides something (reports over the threshold). */
export const SYSTEM_ACTOR = 'system';

export interface AuditRecord {
  moderatorId: string;
  action: string;
  targetType: 'comment' | 'user' | 'item';
  targetId: string;
  reason?: string | null | undefined;
  details?: Record<string, unknown>;
}

/** Appends to the audit log inside the caller's transaction, so the log and the change commit together. */
export async function audit(tx: Db, siteId: string, r: AuditRecord): Promise<void> {
  await tx
    .insertInto('moderation_log')
    .values({
      site_id: siteId,
      moderator_id: r.moderatorId,
      action: r.action,
      target_type: r.targetType,
      target_id: r.targetId,
      reason: r.reason ?? null,
      details: JSON.stringify(r.details ?? {}),
      created_at: nowIso(),
    })
    .execute();
}

export function toAuditEntry(row: Selectable<ModerationLogTable>): AuditEntry {
  return {
    id: wireId(row.id),
    moderator_id: row.moderator_id,
    action: row.action,
    target_type: row.target_type,
    target_id: row.target_id,
    reason: row.reason,
    details: JSON.parse(row.details) as Record<string, unknown>,
    created_at: row.created_at,
  };
}
