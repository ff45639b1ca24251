import { type NewCommentData, type ParsedTopic, RealtimeEvent } from '@sharestack/protocol';
import type { Principal } from '../http/env.js';
import type { SiteRecord } from '../sites/service.js';

/** Who may receive what on the hub's topics: at subscription, and as each event is delivered. */

/**
 * Decides whether `user` may subscribe to a topic of `site`; returns a refusal in words, or
 * null. The default lets anyone read a content's comments, only the user their notifications
 * and activity, and only moderators the moderation queue.
 */
export type TopicPolicy = (
  site: SiteRecord,
  user: Principal | null,
  topic: ParsedTopic,
) => Promise<string | null> | string | null;

export const defaultTopicPolicy: TopicPolicy = (_site, user, topic) => {
  switch (topic.kind) {
    case 'comments':
      return null;
    case 'notifications':
    case 'activity':
    case 'feed':
      if (!user) return 'Sign in to follow this topic.';
      return user.id === topic.id ? null : 'Only that user may follow this topic.';
    case 'moderation':
      return user?.moderator ? null : 'Only moderators may follow the moderation queue.';
  }
};

/** A live event as the audience checks see it. */
export interface LiveEvent {
  topic: string;
  event: string;
  /** JSON text. */
  data: string;
}

/**
 * Of an event only one user and the site's moderators may receive, that user; null when the
 * event is for every subscriber. `comment_moderated` carries a comment that is not published,
 * which only its author and moderators may see (as a thread read shows it only to them).
 */
export function privateTo(event: Pick<LiveEvent, 'event' | 'data'>): string | null {
  if (event.event !== RealtimeEvent.CommentModerated) return null;
  return (JSON.parse(event.data) as NewCommentData).comment.user_id;
}

/** Whether `user` may receive an event that is private to `owner` (see `privateTo`). */
export const mayReceivePrivate = (user: Principal | null | undefined, owner: string): boolean =>
  !!user && (user.moderator || user.id === owner);

/**
 * Privacy decided as each event is delivered, for topics whose readers depend on more than
 * the subscription (a follow, a block or a profile setting may change after the event was
 * written). Readers are user ids, `null` for anonymous ones.
 */
export interface LiveAudience {
  /**
   * How to tell which readers may receive `event` on `topic` (of those given, the ones that
   * may); null when all of them may, with nothing to check.
   */
  check(
    siteId: string,
    topic: ParsedTopic,
    event: LiveEvent,
  ): ((readers: Array<string | null>) => Promise<Set<string | null>>) | null;
  /**
   * How to tell which owners of personal feeds (`feed:user:{id}`) get the activity an event
   * announced; null when it announces none.
   */
  feeds(siteId: string, event: LiveEvent): ((owners: string[]) => Promise<Set<string>>) | null;
}
