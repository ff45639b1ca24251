import type { BanKind } from '@sharestack/protocol';
import { type RawBuilder, sql } from 'kysely';
import type { Principal } from '../http/env.js';
import { activeBan, assertNotBanned, toBan } from '../moderation/bans.js';
import type { Db } from '../store/db.js';

/**
 * The write guard's ban check (moderation/bans.ts), made by the follow graph's writes
 * themselves: on PostgreSQL a read of its own before the write was one round trip more than
 * the follow's two, so there the statement that writes reads the ban too and writes nothing
 * for a banned user (graph-pg.ts). On SQLite, where a statement costs no round trip, the
 * guard's own read runs in the write's transaction. Either way a banned user is refused with
 * 403 `user_banned` and nothing changes; moderators and shadow-banned users go ahead.
 */

/** Whether `follower`'s write is to be refused when banned (moderators never are). */
export const guardsBans = (follower: Principal) => !follower.moderator;

/** The ban columns the statement returns (all null when no ban refuses the write). */
export interface BanColumns {
  ban_kind: BanKind | null;
  ban_reason: string | null;
  ban_created_by: string | null;
  ban_created_at: string | null;
  ban_expires_at: string | null;
}

/**
 * `LEFT JOIN` of the user's ban in force at `now`, as `mb`, on a statement's one-row source;
 * joins nothing when `guard` is 0. Expiry compares ISO texts, as `activeBan` does.
 */
export const banJoin = (
  siteId: string,
  userId: string,
  now: string,
  /** 1 to join the ban; bound, so one prepared statement serves both. */
  guard: number,
): RawBuilder<unknown> => sql`
  LEFT JOIN moderation_bans mb ON ${guard} = 1 AND mb.site_id = ${siteId} AND mb.user_id = ${userId}
    AND mb.kind = 'ban' AND (mb.expires_at IS NULL OR mb.expires_at > ${now})`;

/** The `mb` columns `banJoin` adds, named as `BanColumns`. */
export const banColumns = sql`mb.kind AS ban_kind, mb.reason AS ban_reason, mb.created_by AS ban_created_by,
  mb.created_at AS ban_created_at, mb.expires_at AS ban_expires_at`;

/** Throws 403 `user_banned` when the statement found a ban in force. */
export function refuseBanned(userId: string, row: BanColumns): void {
  if (row.ban_kind === null) return;
  assertNotBanned(
    toBan({
      user_id: userId,
      kind: row.ban_kind,
      reason: row.ban_reason,
      // Not null in a ban row, which the join found.
      created_by: row.ban_created_by!,
      created_at: row.ban_created_at!,
      expires_at: row.ban_expires_at,
    }),
  );
}

/** The SQLite path: the guard's own read, in the write's transaction. */
export async function refuseBannedSqlite(tx: Db, siteId: string, userId: string): Promise<void> {
  assertNotBanned(await activeBan(tx, siteId, userId));
}
