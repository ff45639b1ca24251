import type { Actor, NotificationType } from '@sharestack/protocol';
import type { DomainEvents } from '../events.js';
import type { Db } from '../store/db.js';
import { messageFor } from './present.js';

/** The events that notify someone, as kept in `notification_triggers.payload`. */
export type TriggerEvent =
  | { name: 'comment.created'; payload: DomainEvents['comment.created'] }
  | { name: 'comment.approved'; payload: DomainEvents['comment.approved'] }
  | { name: 'reaction.changed'; payload: DomainEvents['reaction.changed'] }
  | { name: 'follow.created'; payload: DomainEvents['follow.created'] }
  | { name: 'creator.updated'; payload: DomainEvents['creator.updated'] };

/** One thing that happened, for one or many recipients. */
export interface Intent {
  type: NotificationType;
  actor: Actor | null;
  target_type: 'content' | 'comment' | 'user';
  target_id: string;
  content_key: string | null;
  url: string | null;
  excerpt: string | null;
  /** The single-actor text kept on the notification row (the seed's `message`). */
  message: string;
  /** Unread notifications with the same key become one inbox item. */
  group_key: string;
  /** The same actor doing the same thing again within a day notifies once. */
  dedupe_key: string;
  /** Counted against the actor→recipient allowance (bulk creator updates are not). */
  limited: boolean;
}

/** Who gets an intent: named users, or every follower of a creator (paged by the worker). */
export type Audience = { users: string[] } | { followersOf: string };

export interface Generated {
  intent: Intent;
  audience: Audience;
}

const EXCERPT_MAX = 140;

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  '#x27': "'",
  nbsp: ' ',
};

/** Plain text of a comment's rendered (already sanitised) HTML, cut at a word. */
export function excerptOf(html: string): string | null {
  const plain = html
    .replace(/<(br|\/p|\/li|\/h\d|\/blockquote|\/pre)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_, e: string) => ENTITIES[e] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain === '') return null;
  if (plain.length <= EXCERPT_MAX) return plain;
  const cut = plain.slice(0, EXCERPT_MAX);
  const space = cut.lastIndexOf(' ');
  return `${(space > 80 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const actorOfComment = (c: DomainEvents['comment.created']['comment']): Actor => ({
  id: c.user_id,
  name: c.author?.name ?? 'Someone',
  avatar_url: c.author?.avatar_url ?? null,
});

async function contentOf(db: Db, siteId: string, key: string) {
  return db
    .selectFrom('contents')
    .select(['id', 'author_id', 'url', 'title'])
    .where('site_id', '=', siteId)
    .where('key', '=', key)
    .executeTakeFirst();
}

function intent(
  type: NotificationType,
  actor: Actor | null,
  target: { type: Intent['target_type']; id: string },
  rest: Pick<Intent, 'content_key' | 'url' | 'excerpt' | 'group_key'> & { title: string | null },
  limited = true,
): Intent {
  return {
    type,
    actor,
    target_type: target.type,
    target_id: target.id,
    content_key: rest.content_key,
    url: rest.url,
    excerpt: rest.excerpt,
    message: messageFor(type, target.type, rest.title, [actor], 1),
    group_key: rest.group_key,
    dedupe_key: `${type}|${actor?.id ?? ''}|${target.type}:${target.id}`,
    limited,
  };
}

/**
 * What a trigger notifies. A comment notifies each person once, by the most specific reason:
 * the author of the comment replied to, then anyone mentioned, then the content's author.
 */
export async function generate(db: Db, siteId: string, t: TriggerEvent): Promise<Generated[]> {
  switch (t.name) {
    case 'comment.created':
    case 'comment.approved': {
      const c = t.payload.comment;
      if (!c.is_approved) return [];
      const content = await contentOf(db, siteId, c.content_id);
      const actor = actorOfComment(c);
      const base = {
        content_key: c.content_id,
        url: content?.url ?? null,
        excerpt: excerptOf(c.html),
        title: content?.title ?? null,
      };
      const target = { type: 'comment' as const, id: c.id };
      const out: Generated[] = [];
      const taken = new Set<string>([c.user_id]);
      if (c.parent_comment_id) {
        const parent = await db
          .selectFrom('comments')
          .select(['user_id', 'is_deleted'])
          .where('id', '=', Number(c.parent_comment_id))
          .where('site_id', '=', siteId)
          .executeTakeFirst();
        if (parent && parent.is_deleted === 0 && !taken.has(parent.user_id)) {
          taken.add(parent.user_id);
          out.push({
            intent: intent('reply', actor, target, {
              ...base,
              group_key: `reply:comment:${c.parent_comment_id}`,
            }),
            audience: { users: [parent.user_id] },
          });
        }
      }
      const mentioned = c.mentions.filter((m) => !taken.has(m));
      if (mentioned.length > 0) {
        const known = await db
          .selectFrom('users')
          .select('id')
          .where('site_id', '=', siteId)
          .where('id', 'in', mentioned.slice(0, 50))
          .execute();
        const users = known.map((k) => k.id);
        for (const u of users) taken.add(u);
        if (users.length > 0) {
          out.push({
            intent: intent('mention', actor, target, { ...base, group_key: `mention:comment:${c.id}` }),
            audience: { users },
          });
        }
      }
      if (content?.author_id && !taken.has(content.author_id)) {
        out.push({
          intent: intent('comment', actor, target, { ...base, group_key: `comment:content:${c.content_id}` }),
          audience: { users: [content.author_id] },
        });
      }
      return out;
    }
    case 'reaction.changed': {
      const p = t.payload;
      if (!p.public || p.summary.my_reaction === null) return [];
      const actor: Actor | null = p.anonymous
        ? null
        : await db
            .selectFrom('users')
            .select(['id', 'name', 'avatar_url'])
            .where('site_id', '=', siteId)
            .where('id', '=', p.userId)
            .executeTakeFirst()
            .then((u) => u ?? { id: p.userId, name: 'Someone', avatar_url: null });
      const targetType = p.summary.target_type;
      let recipient: string | null = null;
      let contentKey = p.contentKey;
      let excerpt: string | null = null;
      if (targetType === 'comment') {
        const row = await db
          .selectFrom('comments as c')
          .innerJoin('contents as k', 'k.id', 'c.content_ref')
          .select(['c.user_id', 'c.html', 'c.is_deleted', 'k.key'])
          .where('c.id', '=', Number(p.summary.target_id))
          .where('c.site_id', '=', siteId)
          .executeTakeFirst();
        if (!row || row.is_deleted === 1) return [];
        recipient = row.user_id;
        contentKey = row.key;
        excerpt = excerptOf(row.html);
      }
      const content = contentKey ? await contentOf(db, siteId, contentKey) : undefined;
      if (targetType === 'content') recipient = content?.author_id ?? null;
      // An anonymous reactor's own content is not knowable from the payload; never self-notify.
      if (!recipient || recipient === p.userId) return [];
      return [
        {
          intent: {
            ...intent(
              'like',
              actor,
              { type: targetType, id: p.summary.target_id },
              {
                content_key: contentKey,
                url: content?.url ?? null,
                excerpt: excerpt ?? content?.title ?? null,
                title: content?.title ?? null,
                group_key: `like:${targetType}:${p.summary.target_id}`,
              },
            ),
            // Anonymous likes dedupe on the hidden reactor too, without showing who it was.
            dedupe_key: `like|${p.userId}|${targetType}:${p.summary.target_id}`,
          },
          audience: { users: [recipient] },
        },
      ];
    }
    case 'follow.created': {
      const p = t.payload;
      return [
        {
          intent: intent(
            'follow',
            p.follower,
            { type: 'user', id: p.followingId },
            {
              content_key: null,
              url: null,
              excerpt: null,
              title: null,
              group_key: `follow:user:${p.followingId}`,
            },
          ),
          audience: { users: [p.followingId] },
        },
      ];
    }
    case 'creator.updated': {
      const p = t.payload;
      if (p.activity.visibility === 'private') return [];
      return [
        {
          intent: intent(
            'content_update',
            p.creator,
            { type: 'content', id: p.content.content_id },
            {
              content_key: p.content.content_id,
              url: p.content.url,
              excerpt: p.content.title,
              title: p.content.title,
              group_key: `content_update:content:${p.content.content_id}`,
            },
            false,
          ),
          audience: { followersOf: p.creator.id },
        },
      ];
    }
  }
}
