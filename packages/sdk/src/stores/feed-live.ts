import type { Activity, FeedEntry } from '@sharestack/protocol';

/**
 * One activity as a feed entry of its own. In the personal feed a publish is a creator update;
 * a user's timeline shows every activity plainly (`kind` 'activity').
 */
export const feedEntryOf = (
  a: Activity,
  kind: FeedEntry['kind'] = a.activity_type === 'published' ? 'creator_update' : 'activity',
): FeedEntry => ({
  id: a.id,
  activity_type: a.activity_type,
  kind,
  target_type: a.target_type,
  target_id: a.target_id,
  target: a.target,
  actors: [a.actor],
  actor_count: 1,
  activity_ids: [a.id],
  created_at: a.created_at,
});

const sameGroup = (e: FeedEntry, a: Activity) =>
  e.activity_type === a.activity_type && e.target_type === a.target_type && e.target_id === a.target_id;

/**
 * The personal feed with an activity that arrived live, grouped as the server groups a page
 * ("Ann and 3 others liked …", placed where its newest activity is): it joins the entry of the
 * same type and target, which moves to the top, or starts a new entry there. An entry whose
 * actors are not all known here (more than it names) gets a new one rather than a count that
 * might be wrong.
 */
export function addToFeed(items: FeedEntry[], a: Activity): FeedEntry[] {
  if (items.some((e) => e.activity_ids.includes(a.id))) return items;
  const at = items.findIndex((e) => sameGroup(e, a));
  const group = at >= 0 ? items[at]! : null;
  const named = group?.actors.some((x) => x.id === a.actor.id) ?? false;
  if (group && (named || group.actor_count === group.actors.length)) {
    const joined: FeedEntry = {
      ...group,
      id: a.id,
      created_at: a.created_at,
      target: a.target,
      activity_ids: [a.id, ...group.activity_ids],
      actors: named ? group.actors : [a.actor, ...group.actors].slice(0, 3),
      actor_count: named ? group.actor_count : group.actor_count + 1,
    };
    return [joined, ...items.slice(0, at), ...items.slice(at + 1)];
  }
  return [feedEntryOf(a), ...items];
}
