import type { EmailFrequency } from '@sharestack/protocol';
import type { Transaction } from 'kysely';
import type { RateLimits } from '../ratelimit/index.js';
import { prepared } from '../store/prepared.js';
import type { Database } from '../store/schema.js';
import type { Intent } from './generate.js';
import { type EffectivePreferences, preferencesOf } from './preferences.js';

const DAY_MS = 24 * 3600_000;

export interface PersistContext {
  defaults: EffectivePreferences;
  /** Which outgoing channels exist at all (SMTP configured; VAPID keys). */
  email: boolean;
  push: boolean;
  rateLimits?: RateLimits;
  now: Date;
}

/** One recipient of an intent and the channels it goes out on. */
export interface Recipient {
  user: string;
  inApp: boolean;
  /** How often their email goes out; null: no email. */
  email: EmailFrequency | null;
  push: boolean;
}

async function blockedBetween(tx: Transaction<Database>, siteId: string, actor: string, users: string[]) {
  const rows = await tx
    .selectFrom('blocks')
    .select(['blocker_id', 'blocked_id'])
    .where('site_id', '=', siteId)
    .where((eb) =>
      eb.or([
        eb.and([eb('blocked_id', '=', actor), eb('blocker_id', 'in', users)]),
        eb.and([eb('blocker_id', '=', actor), eb('blocked_id', 'in', users)]),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => (r.blocker_id === actor ? r.blocked_id : r.blocker_id)));
}

const actorQuery = prepared((db, p: { siteId: string; id: string }) =>
  db.selectFrom('users').select('id').where('site_id', '=', p.siteId).where('id', '=', p.id),
);

async function actorExists(tx: Transaction<Database>, siteId: string, id: string) {
  return (await actorQuery(tx, { siteId, id })).rows.length > 0;
}

async function recentlyNotified(
  tx: Transaction<Database>,
  siteId: string,
  key: string,
  users: string[],
  since: string,
) {
  const rows = await tx
    .selectFrom('notifications')
    .select('user_id')
    .where('site_id', '=', siteId)
    .where('user_id', 'in', users)
    .where('dedupe_key', '=', key)
    .where('created_at', '>', since)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/**
 * Who of `recipients` gets an intent, and on which channels. Nobody is notified of their own
 * action, by or about someone they block or who blocks them, twice within a day for the same
 * thing by the same actor, on channels they turned off, or beyond the actor→recipient allowance.
 */
export async function planRecipients(
  tx: Transaction<Database>,
  siteId: string,
  intent: Intent,
  recipients: string[],
  ctx: PersistContext,
): Promise<Recipient[]> {
  const actorId = intent.actor?.id ?? null;
  let users = [...new Set(recipients)].filter((u) => u !== actorId);
  if (users.length === 0) return [];
  // An actor who deleted their account before the worker got here is named nowhere.
  if (intent.actor && !(await actorExists(tx, siteId, intent.actor.id))) return [];
  if (actorId) {
    const blocked = await blockedBetween(tx, siteId, actorId, users);
    users = users.filter((u) => !blocked.has(u));
    if (users.length === 0) return [];
  }
  const dup = await recentlyNotified(
    tx,
    siteId,
    intent.dedupe_key,
    users,
    new Date(ctx.now.getTime() - DAY_MS).toISOString(),
  );
  users = users.filter((u) => !dup.has(u));
  if (users.length === 0) return [];
  const prefs = await preferencesOf(tx, siteId, users, ctx.defaults);
  const plan: Recipient[] = users
    .map((u) => {
      const p = prefs.get(u)!;
      const sw = p.types[intent.type];
      return {
        user: u,
        inApp: sw.in_app,
        email: ctx.email && sw.email && p.email_frequency !== 'off' ? p.email_frequency : null,
        push: ctx.push && sw.push,
      };
    })
    .filter((p) => p.inApp || p.email !== null || p.push);
  if (!(intent.limited && actorId && ctx.rateLimits)) return plan;
  const allowed: Recipient[] = [];
  for (const p of plan) {
    const d = await ctx.rateLimits.take('notification', { siteId, userId: `${actorId}>${p.user}`, ip: null });
    if (d.ok) allowed.push(p);
  }
  return allowed;
}
