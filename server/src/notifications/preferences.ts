import {
  type ChannelSwitches,
  type EmailFrequency,
  NOTIFICATION_TYPES,
  type NotificationDefaults,
  type NotificationPreferences,
  type NotificationType,
} from '@sharestack/protocol';
import type { PreferencesPatch } from '@sharestack/protocol/schemas';
import type { z } from 'zod';
import { nowIso } from '../ids.js';
import type { Db } from '../store/db.js';

export type Switches = Record<NotificationType, ChannelSwitches>;
export interface EffectivePreferences {
  types: Switches;
  email_frequency: EmailFrequency;
}

/**
 * What a user starts with unless the site says otherwise: everything in the inbox; email for
 * what is addressed to you personally (replies, mentions, comments on your content); push for
 * replies and mentions only. Likes, follows and creator updates stay in the inbox.
 */
export const BUILT_IN_DEFAULTS: EffectivePreferences = {
  types: {
    follow: { in_app: true, email: false, push: false },
    like: { in_app: true, email: false, push: false },
    comment: { in_app: true, email: true, push: false },
    reply: { in_app: true, email: true, push: true },
    mention: { in_app: true, email: true, push: true },
    content_update: { in_app: true, email: false, push: false },
  },
  email_frequency: 'instant',
};

type Overrides = Partial<Record<NotificationType, Partial<ChannelSwitches>>>;

function merge(base: EffectivePreferences, types: Overrides | undefined, freq?: EmailFrequency | null) {
  const out: EffectivePreferences = {
    types: structuredClone(base.types),
    email_frequency: freq ?? base.email_frequency,
  };
  for (const t of NOTIFICATION_TYPES) {
    const o = types?.[t];
    if (o) out.types[t] = { ...out.types[t], ...o };
  }
  return out;
}

/** The site's defaults (site settings `notification_defaults`) over the built-in ones. */
export function siteDefaults(d: NotificationDefaults | undefined): EffectivePreferences {
  return merge(BUILT_IN_DEFAULTS, d?.types, d?.email_frequency);
}

function parseTypes(raw: string): Overrides {
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' ? (v as Overrides) : {};
  } catch {
    return {};
  }
}

/** Effective preferences of many users at once (the fan-out reads them per slice). */
export async function preferencesOf(
  db: Db,
  siteId: string,
  userIds: string[],
  defaults: EffectivePreferences,
): Promise<Map<string, EffectivePreferences>> {
  const out = new Map<string, EffectivePreferences>();
  for (let i = 0; i < userIds.length; i += 500) {
    const rows = await db
      .selectFrom('notification_preferences')
      .select(['user_id', 'types', 'email_frequency'])
      .where('site_id', '=', siteId)
      .where('user_id', 'in', userIds.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      out.set(r.user_id, merge(defaults, parseTypes(r.types), r.email_frequency as EmailFrequency | null));
    }
  }
  for (const id of userIds) if (!out.has(id)) out.set(id, defaults);
  return out;
}

async function stored(db: Db, siteId: string, userId: string) {
  const row = await db
    .selectFrom('notification_preferences')
    .select(['types', 'email_frequency'])
    .where('site_id', '=', siteId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return {
    types: row ? parseTypes(row.types) : {},
    email_frequency: (row?.email_frequency ?? null) as EmailFrequency | null,
  };
}

async function save(db: Db, siteId: string, userId: string, types: Overrides, freq: EmailFrequency | null) {
  const values = { types: JSON.stringify(types), email_frequency: freq, updated_at: nowIso() };
  await db
    .insertInto('notification_preferences')
    .values({ site_id: siteId, user_id: userId, ...values })
    .onConflict((oc) => oc.columns(['site_id', 'user_id']).doUpdateSet(values))
    .execute();
}

export interface Availability {
  email_available: boolean;
  push_available: boolean;
}

export async function readPreferences(
  db: Db,
  siteId: string,
  userId: string,
  defaults: EffectivePreferences,
  availability: Availability,
): Promise<NotificationPreferences> {
  const s = await stored(db, siteId, userId);
  return { ...merge(defaults, s.types, s.email_frequency), ...availability };
}

/** Changes only the switches named; what the user never touched keeps following the site. */
export async function updatePreferences(
  db: Db,
  siteId: string,
  userId: string,
  patch: z.output<typeof PreferencesPatch>,
): Promise<void> {
  const s = await stored(db, siteId, userId);
  const types: Overrides = { ...s.types };
  for (const [type, sw] of Object.entries(patch.types ?? {}) as [
    NotificationType,
    Partial<ChannelSwitches>,
  ][]) {
    types[type] = { ...types[type], ...sw };
  }
  await save(db, siteId, userId, types, patch.email_frequency ?? s.email_frequency);
}

/** An unsubscribe link: that type's email off, or all email (`all`). */
export async function unsubscribeEmail(
  db: Db,
  siteId: string,
  userId: string,
  type: NotificationType | 'all',
): Promise<void> {
  if (type === 'all') {
    const s = await stored(db, siteId, userId);
    await save(db, siteId, userId, s.types, 'off');
    return;
  }
  await updatePreferences(db, siteId, userId, { types: { [type]: { email: false } } });
}
