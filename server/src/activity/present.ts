import type { Activity, ActivityTarget, ActivityType, ActivityVisibility, Actor } from '@sharestack/protocol';
import type { Db } from '../store/db.js';

export interface ActivityRow {
  id: number | string;
  user_id: string;
  activity_type: string;
  target_type: string;
  target_id: string;
  visibility: string;
  created_at: string;
}

export interface Lookups {
  actors: Map<string, Actor>;
  targets: Map<string, ActivityTarget>;
}

const targetKey = (type: string, id: string) => `${type}\u0000${id}`;

/** Actors and targets of a batch of activities, in two queries each at most. */
export async function lookups(db: Db, siteId: string, rows: ActivityRow[]): Promise<Lookups> {
  const userIds = new Set<string>();
  const contentKeys = new Set<string>();
  for (const r of rows) {
    userIds.add(r.user_id);
    if (r.target_type === 'user') userIds.add(r.target_id);
    else contentKeys.add(r.target_id);
  }
  const [users, contents] = await Promise.all([
    userIds.size
      ? db
          .selectFrom('users')
          .select(['id', 'name', 'avatar_url'])
          .where('site_id', '=', siteId)
          .where('id', 'in', [...userIds])
          .execute()
      : [],
    contentKeys.size
      ? db
          .selectFrom('contents')
          .select(['key', 'title', 'url'])
          .where('site_id', '=', siteId)
          .where('key', 'in', [...contentKeys])
          .execute()
      : [],
  ]);
  const actors = new Map<string, Actor>();
  const targets = new Map<string, ActivityTarget>();
  for (const u of users) {
    actors.set(u.id, { id: u.id, name: u.name, avatar_url: u.avatar_url });
    targets.set(targetKey('user', u.id), {
      target_type: 'user',
      target_id: u.id,
      title: u.name,
      url: u.avatar_url,
    });
  }
  for (const c of contents) {
    targets.set(targetKey('content', c.key), {
      target_type: 'content',
      target_id: c.key,
      title: c.title,
      url: c.url,
    });
  }
  return { actors, targets };
}

export function toActivity(r: ActivityRow, l: Lookups): Activity {
  const targetType = r.target_type as 'content' | 'user';
  return {
    id: String(r.id),
    user_id: r.user_id,
    activity_type: r.activity_type as ActivityType,
    target_type: targetType,
    target_id: r.target_id,
    visibility: r.visibility as ActivityVisibility,
    created_at: r.created_at,
    actor: l.actors.get(r.user_id) ?? { id: r.user_id, name: r.user_id, avatar_url: null },
    target: l.targets.get(targetKey(targetType, r.target_id)) ?? {
      target_type: targetType,
      target_id: r.target_id,
      title: null,
      url: null,
    },
  };
}

/** An activity whose actor and target the caller has already read (the write that made it). */
export function presentKnown(r: ActivityRow, actor: Actor, target: ActivityTarget): Activity {
  return toActivity(r, {
    actors: new Map([[r.user_id, actor]]),
    targets: new Map([[targetKey(target.target_type, target.target_id), target]]),
  });
}

export async function presentActivities(db: Db, siteId: string, rows: ActivityRow[]): Promise<Activity[]> {
  const l = await lookups(db, siteId, rows);
  return rows.map((r) => toActivity(r, l));
}
