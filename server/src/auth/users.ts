import type { Viewer } from '@sharestack/protocol';
import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../http/env.js';
import { nowIso } from '../ids.js';
import { prepared, preparedVariants } from '../store/prepared.js';
import type { Database } from '../store/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** How a user is shown as an author, as stored. */
export interface StoredAuthor {
  name: string;
  avatar_url: string | null;
  is_guest: number;
}

/**
 * Users are whoever the host site's tokens say they are: the row follows what the token claims
 * (a name, an avatar, an email), and a token without a name keeps the stored one. The row as it
 * is after the write is returned (a new comment shows its author without reading it back).
 *
 * Nearly every write comes from a user whose row already says what their token does: then the
 * row is only read, and nothing is written (an upsert rewrote the row on every write, a page
 * of the write-ahead log each time). `updated_at` is when the stored profile last changed.
 * The read takes no lock, and needs none: an account deleted after it leaves this write's rows
 * behind as a deletion running just after the upsert's row lock did (privacy/erase.ts deletes
 * the user's rows before the user).
 */
export async function upsertUser(db: Db, siteId: string, p: Principal): Promise<StoredAuthor> {
  const {
    rows: [stored],
  } = await storedUser(db, { siteId, id: p.id });
  if (stored && holdsClaims(stored, p)) {
    return { name: stored.name, avatar_url: stored.avatar_url, is_guest: stored.is_guest };
  }
  const now = nowIso();
  const claimed = { name: p.claimedName, avatar_url: p.claimedAvatar, email: p.claimedEmail };
  const values: Record<string, string | number | null> = {
    site_id: siteId,
    id: p.id,
    name: p.name,
    avatar_url: p.avatar_url,
    is_guest: p.is_guest ? 1 : 0,
    email: p.claimedEmail ?? null,
    now,
  };
  let variant = '';
  for (const [k, v] of Object.entries(claimed)) {
    if (!v) continue;
    variant += `${k};`;
    values[`claimed_${k}`] = v;
  }
  const { rows } = await upsertStatement(variant)(db, values);
  return rows[0]!;
}

const storedUser = prepared((db, p: { siteId: string; id: string }) =>
  db
    .selectFrom('users')
    .select(['name', 'avatar_url', 'is_guest', 'email'])
    .where('site_id', '=', p.siteId)
    .where('id', '=', p.id),
);

/** Whether the stored row already says everything the token claims (what the upsert would write). */
function holdsClaims(
  stored: { name: string; avatar_url: string | null; email: string | null },
  p: Principal,
): boolean {
  return (
    (!p.claimedName || stored.name === p.claimedName) &&
    (!p.claimedAvatar || stored.avatar_url === p.claimedAvatar) &&
    (!p.claimedEmail || stored.email === p.claimedEmail)
  );
}

/**
 * The follow's single statement on PostgreSQL (social/graph-pg.ts) writes the follower's row
 * itself: `values` insert a first-time user, `changes` refresh a known one, as upsertUser does.
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
    is_guest: p.is_guest ? 1 : 0,
    email: p.claimedEmail ?? null,
    created_at: now,
    updated_at: now,
  };
  return { values, changes };
}

/**
 * Every write runs this: compiled once per set of claims the token makes (a name, an avatar,
 * an email), each of which the stored row takes over.
 */
const upsertStatement = preparedVariants((variant: string) =>
  buildUpsert(variant.split(';').filter(Boolean)),
);

function buildUpsert(claims: string[]) {
  return prepared((db: Db, v: Record<string, string | number | null>) =>
    db
      .insertInto('users')
      .values({
        site_id: v.site_id as string,
        id: v.id as string,
        name: v.name as string,
        avatar_url: v.avatar_url as string | null,
        is_guest: v.is_guest as 0 | 1,
        email: v.email as string | null,
        created_at: v.now as string,
        updated_at: v.now as string,
      })
      .onConflict((oc) =>
        oc.columns(['site_id', 'id']).doUpdateSet(
          Object.fromEntries([['updated_at', v.now], ...claims.map((k) => [k, v[`claimed_${k}`]])]) as {
            updated_at: string;
          },
        ),
      )
      .returning(['name', 'avatar_url', 'is_guest']),
  );
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
