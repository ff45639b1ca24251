import type { Activity, Actor, Comment, ReactionSummary, ShareSummary } from '@sharestack/protocol';

/** Domain events, emitted after commit. Realtime delivery will subscribe here. */
export interface DomainEvents {
  'comment.created': { siteId: string; contentKey: string; comment: Comment };
  'comment.updated': { siteId: string; contentKey: string; comment: Comment };
  'comment.deleted': { siteId: string; contentKey: string; id: string; outcome: 'tombstone' | 'removed' };
  'reaction.changed': { siteId: string; contentKey: string | null; summary: ReactionSummary; userId: string };
  'follow.created': { siteId: string; follower: Actor; followingId: string; followerCount: number };
  'follow.deleted': { siteId: string; followerId: string; followingId: string; followerCount: number };
  'block.created': { siteId: string; blockerId: string; blockedId: string };
  'block.deleted': { siteId: string; blockerId: string; blockedId: string };
  'activity.created': { siteId: string; activity: Activity; audience: ActivityAudience };
  'creator.updated': {
    siteId: string;
    creator: Actor;
    content: { content_id: string; title: string | null; url: string | null };
    activity: Activity;
    audience: ActivityAudience;
  };
  'share.recorded': { siteId: string; summary: ShareSummary; userId: string | null };
}

/**
 * Who may receive an activity live. `followerIds`: followers whose inbox got it (fan-out on
 * write), empty for a private activity. `pulled`: the author has too many followers to push to;
 * deliver through the author's `activity:user:{id}` topic, checking each subscriber with
 * `activity.canSeeActivitiesOf` and `visibility`.
 */
export interface ActivityAudience {
  authorId: string;
  visibility: 'public' | 'followers' | 'private';
  followerIds: string[];
  pulled: boolean;
}

type Listener<K extends keyof DomainEvents> = (payload: DomainEvents[K]) => void;

export function createEvents(onListenerError: (err: unknown) => void = () => {}) {
  const listeners = new Map<keyof DomainEvents, Set<Listener<never>>>();
  return {
    on<K extends keyof DomainEvents>(name: K, fn: Listener<K>): () => void {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(fn as Listener<never>);
      return () => set.delete(fn as Listener<never>);
    },
    emit<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]): void {
      for (const fn of listeners.get(name) ?? []) {
        // A failing listener must not fail the request whose write already committed.
        try {
          (fn as Listener<K>)(payload);
        } catch (err) {
          onListenerError(err);
        }
      }
    },
  };
}

export type Events = ReturnType<typeof createEvents>;
