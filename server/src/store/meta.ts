import { randomToken } from '../ids.js';
import type { Store } from './database.js';

const ADMIN_KEY = 'admin_key';

export type AdminKeySource = 'env' | 'generated' | 'stored';

/**
 * SHARESTACK_ADMIN_KEY wins; otherwise a key is generated on first start and kept in the
 * database so that restarts (and other processes on the same database) agree on it.
 */
export async function resolveAdminKey(
  { db }: Store,
  configured: string | null,
): Promise<{ key: string; source: AdminKeySource }> {
  if (configured) return { key: configured, source: 'env' };
  const stored = await db.selectFrom('meta').select('value').where('key', '=', ADMIN_KEY).executeTakeFirst();
  if (stored) return { key: stored.value, source: 'stored' };
  const key = `ssk_${randomToken(32)}`;
  await db
    .insertInto('meta')
    .values({ key: ADMIN_KEY, value: key })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  // Re-read: a concurrent first start may have stored its own key first.
  const winner = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', ADMIN_KEY)
    .executeTakeFirstOrThrow();
  return { key: winner.value, source: winner.value === key ? 'generated' : 'stored' };
}
