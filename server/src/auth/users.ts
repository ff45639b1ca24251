import type { Viewer } from '@sharestack/protocol';
import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../http/env.js';
import { nowIso } from '../ids.js';
import type { Database, Flag } from '../store/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Users are whoever the host site's tokens say they are; the row is refreshed on each write so
 * names and avatars follow the host site. A token without a name keeps the stored one.
 * `values` insert a first-time user, `changes` refresh a known one.
 */
export function userUpsert(siteId: string, p: Principal, now = nowIso()) {
  const changes: { updated_at: string; name?: string; avatar_url?: string; email?: string } = {
    updated_at: now,
  };
  if (p.claimedName) changes.name = p.claimedName;
  if (p.claimedAvatar) changes.avatar_url = p.claimedAvatar;
  if (p.claimedEmail) changes.email = p.claimedEmail;
  const values = {
    site_id: siteId,
    id: p.id,
    name: p.name,
    avatar_url: p.avatar_url,
    is_guest: (p.is_guest ? 1 : 0) as Flag,
    email: p.claimedEmail ?? null,
    created_at: now,
    updated_at: now,
  };
  return { values, changes };
}

export async function upsertUser(db: Db, siteId: string, p: Principal): Promise<void> {
  const { values, changes } = userUpsert(siteId, p);
  await db
    .insertInto('users')
    .values(values)
    .onConflict((oc) => oc.columns(['site_id', 'id']).doUpdateSet(changes))
    .execute();
}

/**
 * The viewer as stored, so `/api/me` shows the name the user last wrote under. A user signing
 * in for the first time (the SDK asks `/api/me` on sign-in) is recorded here, so others can
 * find and follow them before they write anything; a known user costs a read only.
 */
export async function describeViewer(
  db: Db,
  siteId: string,
  p: Principal,
  { record = false }: { record?: boolean } = {},
): Promise<Viewer> {
  let row = await db
    .selectFrom('users')
    .select(['name', 'avatar_url'])
    .where('site_id', '=', siteId)
    .where('id', '=', p.id)
    .executeTakeFirst();
  if (!row && record) {
    const now = nowIso();
    await db
      .insertInto('users')
      .values({
        site_id: siteId,
        id: p.id,
        name: p.name,
        avatar_url: p.avatar_url,
        is_guest: p.is_guest ? 1 : 0,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['site_id', 'id']).doNothing())
      .execute();
    row = { name: p.name, avatar_url: p.avatar_url };
  }
  return {
    id: p.id,
    name: p.claimedName ?? row?.name ?? p.name,
    avatar_url: p.claimedAvatar ?? row?.avatar_url ?? null,
    roles: p.roles,
    is_guest: p.is_guest,
  };
}
