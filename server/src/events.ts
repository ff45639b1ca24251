import type {
  Activity,
  Actor,
  Comment,
  ModerationItem,
  ReactionSummary,
  ShareSummary,
} from '@sharestack/protocol';
import type { Kysely, Transaction } from 'kysely';
import type { StoredReference } from './realtime/journal.js';
import { transaction } from './store/db.js';
import type { Database } from './store/schema.js';

/** Domain events. Listeners hear them after the transaction that made them has committed. */
export interface DomainEvents {
  'comment.created': {
    siteId: string;
    contentKey: string;
    comment: Comment;
    /** The content's author as the write read it (null: nobody here), so listeners need not ask again. */
    contentAuthorId: string | null;
    /** The content's title and url as the write left them (the comment's activity shows them). */
    contentMeta: { title: string | null; url: string | null };
  };
  'comment.updated': { siteId: string; contentKey: string; comment: Comment };
  'comment.deleted': {
    siteId: string;
    contentKey: string;
    id: string;
    outcome: 'tombstone' | 'removed';
    /** The tombstone left in the thread, when the comment had replies. */
    comment: Comment | null;
    /** Whether readers other than its author and moderators could see the comment. */
    wasApproved: boolean;
    /** Who wrote it (readers who block them never saw it). */
    authorId: string;
  };
  /** `anonymous`: counted, but never shown or announced with `userId` (privacy). */
  'reaction.changed': {
    siteId: string;
    contentKey: string | null;
    summary: ReactionSummary;
    userId: string;
    /** False when the target is a comment only its author and moderators can see. */
    public: boolean;
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
  /**
   * A comment nobody but its author and moderators may see, as they see it now (held again, or
   * rejected by a moderator); for them only. Follows its `comment.hidden` when it was visible.
   */
  'comment.moderated': { siteId: string; contentKey: string; comment: Comment };
  /** A user deleted their account on a site (their comments' own comment.deleted events come first). */
  'account.deleted': { siteId: string; userId: string };
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
  /** Socket events of the notification worker (new notifications, unread counts), journaled with it. */
  'notifications.published': {
    siteId: string;
    events: Array<{ topic: string; event: string; data: unknown; stored?: StoredReference }>;
  };
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
export type DomainEventName = keyof DomainEvents;

type Listener<K extends DomainEventName> = (payload: DomainEvents[K]) => void;
type InTransaction<K extends DomainEventName> = (
  tx: Transaction<Database>,
  payload: DomainEvents[K],
  /** Records a further event in the same transaction (journaled and emitted with the change). */
  record: <E extends DomainEventName>(name: E, payload: DomainEvents[E]) => Promise<void>,
) => Promise<void>;

/**
 * Writes what must survive a lost message (the real-time journal) in the transaction of the
 * change itself, then hands it on once that transaction has committed.
 */
export interface EventJournal {
  /**
   * Resolves once the writes are sent; their answer may come only with the commit, so wait for
   * `answered` after the transaction, not in it.
   */
  record<K extends DomainEventName>(
    tx: Transaction<Database>,
    name: K,
    payload: DomainEvents[K],
  ): Promise<{ answered: Promise<unknown> }>;
  committed(records: unknown[]): void;
}

export function createEvents(onListenerError: (err: unknown) => void = () => {}) {
  const listeners = new Map<DomainEventName, Set<Listener<never>>>();
  /** Listeners for events emitted without a journal record (see `onUnjournaled`). */
  const unjournaled = new Map<DomainEventName, Set<Listener<never>>>();
  let journal: EventJournal | null = null;
  /** Work that must commit or roll back with the change itself (e.g. a notification trigger). */
  const inTransaction = new Map<DomainEventName, Set<InTransaction<never>>>();

  /** Listeners for events emitted after a service's own commit, never in `events.transaction`. */
  const direct = new Map<DomainEventName, Set<Listener<never>>>();

  function emit<K extends DomainEventName>(
    name: K,
    payload: DomainEvents[K],
    recorded = false,
    inTransaction = false,
  ): void {
    const all = [
      ...(listeners.get(name) ?? []),
      ...(recorded ? [] : (unjournaled.get(name) ?? [])),
      ...(inTransaction ? [] : (direct.get(name) ?? [])),
    ];
    for (const fn of all) {
      // A failing listener must not fail the request whose write already committed.
      try {
        (fn as Listener<K>)(payload);
      } catch (err) {
        onListenerError(err);
      }
    }
  }

  return {
    on<K extends DomainEventName>(name: K, fn: Listener<K>): () => void {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(fn as Listener<never>);
      return () => set.delete(fn as Listener<never>);
    },
    /** Emits after the caller's own commit (the event was not `record`ed in its transaction). */
    emit<K extends DomainEventName>(name: K, payload: DomainEvents[K]): void {
      emit(name, payload);
    },
    /**
     * Like `on`, but only for events a service emitted after its own commit rather than
     * recording them in its transaction: the real-time layer journals those itself.
     */
    onUnjournaled<K extends DomainEventName>(name: K, fn: Listener<K>): () => void {
      const set = unjournaled.get(name) ?? new Set();
      unjournaled.set(name, set);
      set.add(fn as Listener<never>);
      return () => set.delete(fn as Listener<never>);
    },
    /** Like `on`, but only for events emitted with `emit`, after the service's own commit. */
    onEmitted<K extends DomainEventName>(name: K, fn: Listener<K>): () => void {
      const set = direct.get(name) ?? new Set();
      direct.set(name, set);
      set.add(fn as Listener<never>);
      return () => set.delete(fn as Listener<never>);
    },
    /**
     * Runs `fn` inside the transaction of every change that records `name` (with
     * `events.transaction`): what it writes commits, or rolls back, with the change.
     */
    within<K extends DomainEventName>(name: K, fn: InTransaction<K>): () => void {
      const set = inTransaction.get(name) ?? new Set();
      inTransaction.set(name, set);
      set.add(fn as InTransaction<never>);
      return () => set.delete(fn as InTransaction<never>);
    },
    /** The real-time layer journals events here; without one, events are only emitted. */
    useJournal(next: EventJournal | null): void {
      journal = next;
    },
    /**
     * Runs `fn` in a transaction (retried like `transaction`). Events it `record`s are
     * journaled inside that transaction and emitted after it commits; a retried attempt starts
     * with none, and a rolled-back one emits nothing.
     */
    async transaction<T>(
      db: Kysely<Database>,
      fn: (
        tx: Transaction<Database>,
        record: <K extends DomainEventName>(name: K, payload: DomainEvents[K]) => Promise<void>,
      ) => Promise<T>,
    ): Promise<T> {
      let staged: Array<[DomainEventName, unknown]> = [];
      let records: Array<Promise<unknown>> = [];
      const active = journal;
      const result = await transaction(db, async (tx) => {
        staged = [];
        records = [];
        const record = async <E extends DomainEventName>(name: E, payload: DomainEvents[E]) => {
          staged.push([name, payload]);
          // Sent ahead: its answer comes with the commit (store/pipeline.ts).
          if (active) records.push((await active.record(tx, name, payload)).answered);
          for (const hook of inTransaction.get(name) ?? [])
            await (hook as InTransaction<E>)(tx, payload, record);
        };
        return fn(tx, record);
      });
      if (active) {
        try {
          active.committed(await Promise.all(records));
        } catch (err) {
          onListenerError(err);
        }
      }
      for (const [name, payload] of staged) emit(name, payload as never, active !== null, true);
      return result;
    },
  };
}

export type Events = ReturnType<typeof createEvents>;
