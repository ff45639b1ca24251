import webpush from 'web-push';
import type { Config } from '../../../config.js';
import type { Store } from '../../../store/database.js';

export interface VapidKeys {
  /** base64url uncompressed P-256 point, for the browser's `applicationServerKey`. */
  publicKey: string;
  /** base64url 32-byte P-256 private key. */
  privateKey: string;
}

export type VapidKeySource = 'env' | 'generated' | 'stored';

const META_KEY = 'vapid_keys';

function parseStored(value: string): VapidKeys | null {
  try {
    const v = JSON.parse(value) as Partial<VapidKeys>;
    return typeof v.publicKey === 'string' && typeof v.privateKey === 'string'
      ? { publicKey: v.publicKey, privateKey: v.privateKey }
      : null;
  } catch {
    return null;
  }
}

/**
 * VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY win; otherwise a pair is generated on first start and kept
 * in `meta`, so restarts and other processes on the same database sign with the same key (a new
 * key would silently orphan every browser subscription). Two processes starting at once both try
 * to insert; the first insert wins and both read the winner back.
 */
export async function resolveVapidKeys(
  { db }: Store,
  config: Pick<Config, 'vapidKeys'>,
): Promise<VapidKeys & { source: VapidKeySource }> {
  if (config.vapidKeys) return { ...config.vapidKeys, source: 'env' };
  const read = async () => {
    const row = await db.selectFrom('meta').select('value').where('key', '=', META_KEY).executeTakeFirst();
    return row ? parseStored(row.value) : null;
  };
  const stored = await read();
  if (stored) return { ...stored, source: 'stored' };
  const generated = webpush.generateVAPIDKeys();
  await db
    .insertInto('meta')
    .values({ key: META_KEY, value: JSON.stringify(generated) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const winner = await read();
  if (!winner) throw new Error('the stored VAPID keys are unreadable');
  return { ...winner, source: winner.publicKey === generated.publicKey ? 'generated' : 'stored' };
}
