import { type Db, inChunks } from '../store/db.js';
import { emptyLearned, type Learned } from './classifier/naive-bayes.js';
import { features } from './classifier/tokens.js';

/** Rows of document and feature totals among a site's token rows (no feature contains `#`). */
const TOTALS = '#docs';
const FEATURES = '#features';

/**
 * Whether a site has learned anything, remembered for a few seconds: most sites' moderators
 * have taught nothing yet, and asking costs a query on every comment. Learning in this process
 * shows at once; in another process sharing the database, within LEARNED_TTL_MS.
 */
const LEARNED_TTL_MS = 5_000;
const hasLearned = new Map<string, { value: boolean; until: number }>();

async function siteHasLearned(db: Db, siteId: string): Promise<boolean> {
  const now = Date.now();
  const cached = hasLearned.get(siteId);
  if (cached && (cached.value || cached.until > now)) return cached.value;
  const row = await db
    .selectFrom('spam_tokens')
    .select('token')
    .where('site_id', '=', siteId)
    .where('token', '=', TOTALS)
    .executeTakeFirst();
  if (hasLearned.size > 10_000) hasLearned.clear();
  hasLearned.set(siteId, { value: row !== undefined, until: now + LEARNED_TTL_MS });
  return row !== undefined;
}

/** What the site's moderators taught the classifier about these features. */
export async function learnedFor(db: Db, siteId: string, feats: string[]): Promise<Learned> {
  if (!(await siteHasLearned(db, siteId))) return emptyLearned();
  const rows = await inChunks([TOTALS, FEATURES, ...feats], (chunk) =>
    db
      .selectFrom('spam_tokens')
      .select(['token', 'spam', 'ham'])
      .where('site_id', '=', siteId)
      .where('token', 'in', chunk)
      .execute(),
  );
  const learned = emptyLearned();
  for (const r of rows) {
    if (r.token === TOTALS) {
      learned.docs = { spam: Number(r.spam), ham: Number(r.ham) };
    } else if (r.token === FEATURES) {
      learned.total = { spam: Number(r.spam), ham: Number(r.ham) };
    } else {
      learned.tokens.set(r.token, [Number(r.spam), Number(r.ham)]);
    }
  }
  return learned;
}

/** One moderator decision: the text's features count once more as spam or as not spam. */
export async function learn(tx: Db, siteId: string, text: string, spam: boolean): Promise<void> {
  hasLearned.set(siteId, { value: true, until: Number.POSITIVE_INFINITY });
  const feats = features(text);
  const n = (weight: number) => ({ spam: spam ? weight : 0, ham: spam ? 0 : weight });
  const rows = [
    { site_id: siteId, token: TOTALS, ...n(1) },
    { site_id: siteId, token: FEATURES, ...n(feats.length) },
    ...feats.map((token) => ({ site_id: siteId, token, ...n(1) })),
  ];
  await inChunks(
    rows,
    async (chunk) => {
      await tx
        .insertInto('spam_tokens')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['site_id', 'token']).doUpdateSet((eb) => ({
            spam: eb('spam_tokens.spam', '+', eb.ref('excluded.spam')),
            ham: eb('spam_tokens.ham', '+', eb.ref('excluded.ham')),
          })),
        )
        .execute();
      return [];
    },
    200,
  );
}
