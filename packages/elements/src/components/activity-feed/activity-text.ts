import { msg, str } from '@lit/localize';
import type { ActivityType, Actor } from '@sharestack/protocol';

/** "Ann", "Ann and Bob", "Ann and 3 others". */
export function actorsText(actors: Actor[], count: number): string {
  const [first, second] = actors;
  const a = first?.name ?? '';
  if (count <= 1) return a;
  if (count === 2 && second) return msg(str`${a} and ${second.name}`);
  const others = count - 1;
  return others === 1 ? msg(str`${a} and 1 other`) : msg(str`${a} and ${others} others`);
}

/** The verb phrase before the target: "liked", "started following". */
export function verb(type: ActivityType, creatorUpdate = false): string {
  if (creatorUpdate) return msg('published something new:');
  return {
    published: msg('published'),
    liked: msg('liked'),
    commented: msg('commented on'),
    followed: msg('started following'),
    bookmarked: msg('bookmarked'),
  }[type];
}
