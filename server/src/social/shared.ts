import type { Activity, ActivityTarget, Actor } from '@sharestack/protocol';
import type { FanoutQueue } from '../activity/fanout.js';
import { presentActivities } from '../activity/present.js';
import type { FanoutOptions, RecordedActivity } from '../activity/record.js';
import type { ActivityAudience, Events } from '../events.js';
import type { Principal } from '../http/env.js';
import type { Db } from '../store/db.js';

export interface SocialOptions extends FanoutOptions {
  /** Does the inbox work follows and unfollows queue (kicked after their commit). */
  queue?: FanoutQueue;
}

export const toActor = (p: Principal): Actor => ({ id: p.id, name: p.name, avatar_url: p.avatar_url });

export const audienceOf = (a: RecordedActivity): ActivityAudience => ({
  authorId: a.user_id,
  visibility: a.visibility,
  followerIds: a.pushedTo,
  pulled: a.pulled,
});

/** Emits `activity.created` when the caller already knows the actor and the target. */
export function emitActivity(
  events: Events,
  a: RecordedActivity,
  actor: Actor,
  target: ActivityTarget,
): Activity {
  const { pushedTo: _p, pulled: _q, site_id: _s, deferred: _d, ...row } = a;
  const activity: Activity = { ...row, id: String(a.id), actor, target };
  events.emit('activity.created', { siteId: a.site_id, activity, audience: audienceOf(a) });
  return activity;
}

/** Emits `activity.created` for a committed activity, with its wire form. */
export async function wireActivity(db: Db, events: Events, a: RecordedActivity) {
  const [activity] = await presentActivities(db, a.site_id, [a]);
  events.emit('activity.created', { siteId: a.site_id, activity: activity!, audience: audienceOf(a) });
  return activity!;
}
