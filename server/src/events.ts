import type { Comment, ModerationItem, ReactionSummary } from '@sharestack/protocol';

/** Domain events, emitted after commit. Realtime delivery will subscribe here. */
export interface DomainEvents {
  'comment.created': { siteId: string; contentKey: string; comment: Comment };
  'comment.updated': { siteId: string; contentKey: string; comment: Comment };
  'comment.deleted': { siteId: string; contentKey: string; id: string; outcome: 'tombstone' | 'removed' };
  /** `anonymous`: counted, but never shown or announced with `userId` (privacy). */
  'reaction.changed': {
    siteId: string;
    contentKey: string | null;
    summary: ReactionSummary;
    userId: string;
    anonymous?: boolean;
  };
  /** A comment entered (or re-entered) the moderation queue; for moderators only. */
  'moderation.queued': { siteId: string; item: ModerationItem };
  /** A moderator resolved a queue item; for moderators only. */
  'moderation.resolved': { siteId: string; item: ModerationItem };
  /** A held comment became visible to everyone: readers should treat it like a new comment. */
  'comment.approved': { siteId: string; contentKey: string; comment: Comment };
  /** A visible comment was hidden (reports, a flagged edit, a moderator): readers drop it. */
  'comment.hidden': { siteId: string; contentKey: string; id: string; reason: string };
  /** A user deleted their account on a site (their comments' own comment.deleted events come first). */
  'account.deleted': { siteId: string; userId: string };
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
