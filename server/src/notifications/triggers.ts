import type { ExpressionBuilder, Transaction } from 'kysely';
import type { DomainEventName, DomainEvents, Events } from '../events.js';
import { nowIso } from '../ids.js';
import type { Store } from '../store/database.js';
import { type Db, transaction } from '../store/db.js';
import { sendAhead } from '../store/pipeline.js';
import { prepared } from '../store/prepared.js';
import type { Database } from '../store/schema.js';
import type { TriggerEvent } from './generate.js';

/** Events that may notify someone. */
export const TRIGGERS = [
  'comment.created',
  'comment.approved',
  'reaction.changed',
  'follow.created',
  'creator.updated',
] as const satisfies readonly DomainEventName[];

/**
 * Whether a change can notify anyone at all; those that cannot leave no trigger behind (and no
 * work for the worker). A comment notifies the author it replies to, those it mentions, or its
 * content's author: most comments on a page nobody authored here notify nobody.
 */
export async function worthKeeping(tx: Transaction<Database>, t: TriggerEvent): Promise<boolean> {
  switch (t.name) {
    case 'comment.created':
    case 'comment.approved': {
      const c = t.payload.comment;
      if (!c.is_approved) return false;
      if (c.parent_comment_id !== null || c.mentions.length > 0) return true;
      // A new comment's write read its content's author already; an approval comes later.
      const author =
        t.name === 'comment.created'
          ? t.payload.contentAuthorId
          : ((
              await tx
                .selectFrom('contents')
                .select('author_id')
                .where('site_id', '=', t.payload.siteId)
                .where('key', '=', c.content_id)
                .executeTakeFirst()
            )?.author_id ?? null);
      return author !== null && author !== c.user_id;
    }
    case 'reaction.changed':
      return t.payload.public && t.payload.summary.my_reaction !== null;
    case 'creator.updated':
      return t.payload.activity.visibility !== 'private';
    default:
      return true;
  }
}

/** Who caused a trigger: whose account's deletion takes it along while it is pending. */
export function actorOf(t: TriggerEvent): string {
  switch (t.name) {
    case 'comment.created':
    case 'comment.approved':
      return t.payload.comment.user_id;
    case 'reaction.changed':
      // Anonymous reactions too: the payload still names the reactor.
      return t.payload.userId;
    case 'follow.created':
      return t.payload.follower.id;
    case 'creator.updated':
      return t.payload.creator.id;
  }
}

/** Every follow, reply and like writes one: compiled once, planned once per connection. */
const insertTriggerRow = prepared(
  (db, p: { site_id: string; event: string; payload: string; created_at: string; actor_id: string }) =>
    db
      .insertInto('notification_triggers')
      .values({ ...p, lease_until: null, last_error: null, cursor: null }),
);

async function insertTrigger(tx: Transaction<Database>, t: TriggerEvent) {
  if (!(await worthKeeping(tx, t))) return false;
  // Nothing here needs its answer: sent ahead, it goes out with the commit (store/pipeline.ts).
  await sendAhead(
    tx,
    insertTriggerRow.bind(tx, {
      site_id: t.payload.siteId,
      event: t.name,
      payload: JSON.stringify(t.payload),
      created_at: nowIso(),
      actor_id: actorOf(t),
    }),
  );
  return true;
}

/**
 * Writes a trigger in the transaction of every change that may notify someone, so an
 * acknowledged change always gets its notifications, even if the process dies right after.
 * Events a service emits after its own commit (a held comment approved) get theirs in a
 * transaction of their own just after. `wake` tells the worker there is work.
 */
export function recordTriggers(
  store: Store,
  events: Events,
  wake: () => void,
  onError: (err: unknown) => void,
) {
  const off: Array<() => void> = [];
  for (const name of TRIGGERS) {
    off.push(
      events.within(name, async (tx, payload) => {
        if (await insertTrigger(tx, { name, payload } as TriggerEvent)) queueMicrotask(wake);
      }),
    );
    off.push(
      events.onEmitted(name, (payload: DomainEvents[typeof name]) => {
        transaction(store.db, (tx) => insertTrigger(tx, { name, payload } as TriggerEvent))
          .then((kept) => kept && wake())
          .catch(onError);
      }),
    );
  }
  return () => {
    for (const f of off) f();
  };
}

/** A trigger a worker took, with its lease. */
export interface Claimed {
  id: number;
  site_id: string;
  event: string;
  payload: string;
  attempts: number;
  cursor: string | null;
}

/** Removes a trigger once handled (in the transaction that handled it). */
export const deleteTrigger = prepared((db, p: { id: number }) =>
  db.deleteFrom('notification_triggers').where('id', '=', p.id),
);

/** A creator update reaches its followers page by page; other triggers notify a few people. */
const FANOUT_EVENT = 'creator.updated';
/**
 * Takes up to `limit` triggers of one kind, oldest first: small ones (`fanout` false) or creator
 * updates (`fanout` true; the worker takes one at a time and does one page of it).
 */
export async function claimTriggers(
  db: Db,
  fanout: boolean,
  limit: number,
  now: Date,
  leaseMs: number,
): Promise<Claimed[]> {
  const at = now.toISOString();
  const free = (eb: ExpressionBuilder<Database, 'notification_triggers'>) =>
    eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]);
  const candidates = await db
    .selectFrom('notification_triggers')
    .select('id')
    .where(free)
    .where('event', fanout ? '=' : '<>', FANOUT_EVENT)
    .orderBy('id')
    .limit(limit)
    .execute();
  if (candidates.length === 0) return [];
  // Another process may have taken some meanwhile: only rows still free are ours.
  const rows = await db
    .updateTable('notification_triggers')
    .set((eb) => ({
      lease_until: new Date(now.getTime() + leaseMs).toISOString(),
      attempts: eb('attempts', '+', 1),
    }))
    .where(
      'id',
      'in',
      candidates.map((c) => Number(c.id)),
    )
    .where(free)
    .returning(['id', 'site_id', 'event', 'payload', 'attempts', 'cursor'])
    .execute();
  return rows
    .map((r) => ({ ...r, id: Number(r.id), attempts: Number(r.attempts) }))
    .sort((a, b) => a.id - b.id);
}
