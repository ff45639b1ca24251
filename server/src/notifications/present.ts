import type { Actor, Notification, NotificationType } from '@sharestack/protocol';
import { sql } from 'kysely';
import type { Db } from '../store/db.js';
import type { NotificationGroupsTable } from '../store/schema.js';

/** Ids of a group's notifications listed on an item (its `count` stays exact). */
export const GROUP_IDS_MAX = 50;

const VERBS: Record<NotificationType, (what: string | null) => string> = {
  follow: () => 'started following you',
  like: (what) => (what ? `liked ${what}` : 'liked your comment'),
  comment: (what) => `commented on ${what ?? 'your post'}`,
  reply: () => 'replied to your comment',
  mention: () => 'mentioned you in a comment',
  content_update: (what) => `published ${what ?? 'something new'}`,
};

/** "your post “Title”", or null when the notification is about a comment. */
function what(type: NotificationType, targetType: string, title: string | null): string | null {
  if (type === 'like' && targetType === 'comment') return null;
  if (type === 'like') return title ? `your post “${title}”` : 'your post';
  if (type === 'comment') return title ? `your post “${title}”` : null;
  if (type === 'content_update') return title ? `“${title}”` : null;
  return null;
}

/** "Ann", "Ann and Bob", "Ann and 4 others"; "Someone" for an anonymous actor. */
function who(actors: Array<{ name: string } | null>, count: number): string {
  const first = actors[0]?.name ?? 'Someone';
  if (count <= 1) return first;
  if (count === 2 && actors[1]) return `${first} and ${actors[1].name}`;
  return `${first} and ${count - 1} others`;
}

export function messageFor(
  type: NotificationType,
  targetType: string,
  title: string | null,
  actors: Array<{ name: string } | null>,
  actorCount: number,
): string {
  return `${who(actors, actorCount)} ${VERBS[type](what(type, targetType, title))}`;
}

type GroupRow = Pick<
  NotificationGroupsTable,
  | 'user_id'
  | 'notification_type'
  | 'target_type'
  | 'target_id'
  | 'content_key'
  | 'url'
  | 'excerpt'
  | 'actor_id'
  | 'created_at'
  | 'updated_at'
> & { id: number | string; count: number; is_read: number; is_archived: number; title: string | null };

/** Inbox items for group rows, in the order given. */
export async function presentGroups(db: Db, siteId: string, groups: GroupRow[]): Promise<Notification[]> {
  if (groups.length === 0) return [];
  const ids = groups.map((g) => Number(g.id));
  const members = await sql<{ group_id: number | string; id: number | string; actor_id: string | null }>`
    SELECT group_id, id, actor_id FROM (
      SELECT group_id, id, actor_id,
        ROW_NUMBER() OVER (PARTITION BY group_id ORDER BY id DESC) AS n
      FROM notifications WHERE group_id IN (${sql.join(ids)})
    ) m WHERE n <= ${GROUP_IDS_MAX} ORDER BY group_id, id DESC`.execute(db);
  const distinct = await db
    .selectFrom('notifications')
    .select(['group_id', (eb) => eb.fn.count<number>('actor_id').distinct().as('actors')])
    .where('group_id', 'in', ids)
    .groupBy('group_id')
    .execute();
  const actorCounts = new Map(distinct.map((d) => [Number(d.group_id), Number(d.actors)]));
  const byGroup = new Map<number, Array<{ id: string; actor: string | null }>>();
  for (const m of members.rows) {
    const list = byGroup.get(Number(m.group_id)) ?? [];
    list.push({ id: String(m.id), actor: m.actor_id });
    byGroup.set(Number(m.group_id), list);
  }
  const actorIds = [...new Set(members.rows.map((m) => m.actor_id).filter((a): a is string => a !== null))];
  const people = new Map<string, Actor>();
  for (let i = 0; i < actorIds.length; i += 500) {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'name', 'avatar_url'])
      .where('site_id', '=', siteId)
      .where('id', 'in', actorIds.slice(i, i + 500))
      .execute();
    for (const r of rows) people.set(r.id, { id: r.id, name: r.name, avatar_url: r.avatar_url });
  }
  return groups.map((g) => {
    const list = byGroup.get(Number(g.id)) ?? [];
    const actors: Actor[] = [];
    let anonymous = false;
    for (const m of list) {
      if (m.actor === null) {
        anonymous = true;
        continue;
      }
      if (actors.length < 3 && !actors.some((a) => a.id === m.actor)) {
        actors.push(people.get(m.actor) ?? { id: m.actor, name: 'Someone', avatar_url: null });
      }
    }
    // Anonymous reactions count as people, never as names.
    const actorCount = (actorCounts.get(Number(g.id)) ?? 0) + (anonymous ? 1 : 0);
    const type = g.notification_type as NotificationType;
    const named: Array<{ name: string } | null> = actors.length > 0 ? actors : [null];
    return {
      id: String(g.id),
      user_id: g.user_id,
      notification_type: type,
      actor_id: g.actor_id,
      actors,
      actor_count: actorCount,
      count: Number(g.count),
      notification_ids: list.map((m) => m.id),
      target_type: g.target_type as Notification['target_type'],
      target_id: g.target_id,
      content_id: g.content_key,
      url: g.url,
      excerpt: g.excerpt,
      message: messageFor(type, g.target_type, g.title, named, Math.max(actorCount, 1)),
      is_read: Number(g.is_read) === 1,
      is_archived: Number(g.is_archived) === 1,
      created_at: g.updated_at,
    };
  });
}

/** Group rows with the content title the messages name. */
export function groupQuery(db: Db, siteId: string) {
  return db
    .selectFrom('notification_groups as g')
    .leftJoin('contents as c', (j) =>
      j.onRef('c.site_id', '=', 'g.site_id').onRef('c.key', '=', 'g.content_key'),
    )
    .select([
      'g.id',
      'g.user_id',
      'g.notification_type',
      'g.target_type',
      'g.target_id',
      'g.content_key',
      'g.url',
      'g.excerpt',
      'g.actor_id',
      'g.count',
      'g.is_read',
      'g.is_archived',
      'g.created_at',
      'g.updated_at',
      'c.title',
    ])
    .where('g.site_id', '=', siteId);
}

/** Unread inbox items per user (kept by triggers: store/migration-unread.ts). */
export async function unreadCounts(db: Db, siteId: string, userIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>(userIds.map((u) => [u, 0]));
  for (let i = 0; i < userIds.length; i += 500) {
    const rows = await db
      .selectFrom('notification_unread')
      .select(['user_id', 'count'])
      .where('site_id', '=', siteId)
      .where('user_id', 'in', userIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.user_id, Number(r.count));
  }
  return out;
}
