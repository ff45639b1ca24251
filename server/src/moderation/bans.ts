import { type Ban, type BanKind, ErrorCode } from '@sharestack/protocol';
import { forbidden } from '../http/problem.js';
import { nowIso } from '../ids.js';
import type { Db } from '../store/db.js';
import { prepared } from '../store/prepared.js';

// Read by the write guard on every write: compiled once.
const banQuery = prepared((db, p: { siteId: string; userId: string }) =>
  db
    .selectFrom('moderation_bans')
    .selectAll()
    .where('site_id', '=', p.siteId)
    .where('user_id', '=', p.userId),
);

/** The user's ban on the site, if one is in force now (expired bans are ignored, then lifted by the next ban write). */
export async function activeBan(db: Db, siteId: string, userId: string): Promise<Ban | null> {
  const [row] = (await banQuery(db, { siteId, userId })).rows;
  if (!row || (row.expires_at !== null && row.expires_at <= nowIso())) return null;
  return toBan(row);
}

export function toBan(row: {
  user_id: string;
  kind: BanKind;
  reason: string | null;
  created_by: string;
  created_at: string;
  expires_at: string | null;
}): Ban {
  return {
    user_id: row.user_id,
    kind: row.kind,
    reason: row.reason,
    created_by: row.created_by,
    created_at: row.created_at,
    expires_at: row.expires_at,
  };
}

/** Refuses a banned user's writes; shadow-banned users are let through (their writes are hidden instead). */
export function assertNotBanned(ban: Ban | null): void {
  if (ban?.kind !== 'ban') return;
  const until = ban.expires_at ? ` until ${ban.expires_at}` : '';
  throw forbidden(ErrorCode.UserBanned, `You are banned from this site${until}.`);
}

export async function putBan(
  tx: Db,
  siteId: string,
  ban: {
    user_id: string;
    kind: BanKind;
    reason: string | null;
    created_by: string;
    duration_seconds?: number | undefined;
  },
): Promise<Ban> {
  const now = new Date();
  const row = {
    site_id: siteId,
    user_id: ban.user_id,
    kind: ban.kind,
    reason: ban.reason,
    created_by: ban.created_by,
    created_at: now.toISOString(),
    expires_at: ban.duration_seconds
      ? new Date(now.getTime() + ban.duration_seconds * 1000).toISOString()
      : null,
  };
  await tx
    .insertInto('moderation_bans')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['site_id', 'user_id']).doUpdateSet({
        kind: row.kind,
        reason: row.reason,
        created_by: row.created_by,
        created_at: row.created_at,
        expires_at: row.expires_at,
      }),
    )
    .execute();
  return toBan(row);
}
