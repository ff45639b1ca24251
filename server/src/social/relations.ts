import { ErrorCode, type ProfileVisibility } from '@sharestack/protocol';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { notFound } from '../http/problem.js';
import type { Db } from '../store/db.js';
import type { Database } from '../store/schema.js';

/** `blocker` blocks `blocked`. */
export async function blocks(db: Db, siteId: string, blockerId: string, blockedId: string): Promise<boolean> {
  const row = await db
    .selectFrom('blocks')
    .select('id')
    .where('site_id', '=', siteId)
    .where('blocker_id', '=', blockerId)
    .where('blocked_id', '=', blockedId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Either user blocks the other. */
export async function blockedEitherWay(db: Db, siteId: string, a: string, b: string): Promise<boolean> {
  const row = await db
    .selectFrom('blocks')
    .select('id')
    .where('site_id', '=', siteId)
    .where((eb) =>
      eb.or([
        eb.and([eb('blocker_id', '=', a), eb('blocked_id', '=', b)]),
        eb.and([eb('blocker_id', '=', b), eb('blocked_id', '=', a)]),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** Ids the user blocks. Blocking is rare and personal, so the set is small. */
export async function blockedBy(db: Db, siteId: string, blockerId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('blocks')
    .select('blocked_id')
    .where('site_id', '=', siteId)
    .where('blocker_id', '=', blockerId)
    .execute();
  return new Set(rows.map((r) => r.blocked_id));
}

export async function isFollowing(db: Db, siteId: string, followerId: string, followingId: string) {
  const row = await db
    .selectFrom('follows')
    .select('id')
    .where('site_id', '=', siteId)
    .where('follower_id', '=', followerId)
    .where('following_id', '=', followingId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * May `viewerId` see the profile (and so the lists, timeline and presence in lists) of a user
 * with `visibility`? Oneself always; nobody whom the user blocks, nor whom the viewer blocks in
 * lists; `followers` profiles to their followers; `private` ones to nobody else.
 */
export function profileVisible(
  viewerId: string | null,
  user: { id: string; profile_visibility: string },
  rel: { viewerFollows: boolean; blockedByUser: boolean },
): boolean {
  if (viewerId === user.id) return true;
  if (rel.blockedByUser) return false;
  const v = user.profile_visibility as ProfileVisibility;
  if (v === 'public') return true;
  if (v === 'followers') return rel.viewerFollows;
  return false;
}

/** A user row as the profile checks need it, or a 404 when it does not exist or is hidden. */
export async function visibleUserOr404(db: Db, siteId: string, viewerId: string | null, userId: string) {
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('id', '=', userId)
    .executeTakeFirst();
  const hidden = () =>
    notFound(ErrorCode.UserNotFound, 'There is no such user, or their profile is not visible to you.');
  if (!user) throw hidden();
  const [viewerFollows, blockedByUser] = viewerId
    ? await Promise.all([isFollowing(db, siteId, viewerId, userId), blocks(db, siteId, userId, viewerId)])
    : [false, false];
  if (!profileVisible(viewerId, user, { viewerFollows, blockedByUser })) throw hidden();
  return { user, viewerFollows };
}

type UsersEb = ExpressionBuilder<Database & { u: Database['users'] }, 'u'>;

/**
 * SQL twin of `profileVisible` for list queries over `users as u`: the listed user shows when
 * the viewer may see their profile and neither blocks the other.
 */
export function listedUserVisible(eb: UsersEb, siteId: string, viewerId: string | null): Expression<SqlBool> {
  if (viewerId === null) return eb('u.profile_visibility', '=', 'public');
  const followsThem = eb.exists(
    eb
      .selectFrom('follows as vf')
      .select(sql`1`.as('one'))
      .where('vf.site_id', '=', siteId)
      .where('vf.follower_id', '=', viewerId)
      .whereRef('vf.following_id', '=', 'u.id'),
  );
  const blockedEither = eb.exists(
    eb
      .selectFrom('blocks as vb')
      .select(sql`1`.as('one'))
      .where('vb.site_id', '=', siteId)
      .where((b) =>
        b.or([
          b.and([b('vb.blocker_id', '=', viewerId), b('vb.blocked_id', '=', b.ref('u.id'))]),
          b.and([b('vb.blocked_id', '=', viewerId), b('vb.blocker_id', '=', b.ref('u.id'))]),
        ]),
      ),
  );
  return eb.or([
    eb('u.id', '=', viewerId),
    eb.and([
      eb.not(blockedEither),
      eb.or([
        eb('u.profile_visibility', '=', 'public'),
        eb.and([eb('u.profile_visibility', '=', 'followers'), followsThem]),
      ]),
    ]),
  ]);
}

/** Of `ids`, those whose profile `viewerId` may see (for activity targets). */
export async function visibleUserIds(
  db: Db,
  siteId: string,
  viewerId: string | null,
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.site_id', '=', siteId)
    .where('u.id', 'in', ids)
    .where((eb) => listedUserVisible(eb, siteId, viewerId))
    .execute();
  return new Set(rows.map((r) => r.id));
}
