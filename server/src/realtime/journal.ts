import { sql, type Transaction } from 'kysely';
import { insertRows } from '../store/bulk.js';
import type { DialectKind } from '../store/database.js';
import type { Db } from '../store/db.js';
import { prepared } from '../store/prepared.js';
import type { Database } from '../store/schema.js';

/** One event as the journal keeps it; `data` is JSON text, sent to sockets as it is. */
export interface JournaledEvent {
  siteId: string;
  topic: string;
  seq: number;
  event: string;
  data: string;
  /** The user whose action it reports (readers who block them skip it). */
  actor: string | null;
}

export interface EventDraft {
  topic: string;
  event: string;
  data: unknown;
  actor?: string | null;
  /**
   * What the journal keeps instead of `data` when `data` can be rebuilt from the store: a
   * notification fan-out journals a small reference per recipient rather than the whole item
   * (the `replay` names the registered rebuilder; see `registerReplay`).
   */
  stored?: StoredReference;
}

/** A journaled reference to data kept elsewhere; rebuilt when read back (replay, catch-up). */
export interface StoredReference {
  replay: string;
  [field: string]: unknown;
}

/**
 * Rebuilds the events of stored references from the store, in order. Each returns the event to
 * send (its name may change, e.g. when what it referred to is gone) and its data as JSON text.
 */
export type Replayer = (
  db: Db,
  siteId: string,
  refs: Array<{ event: string; stored: StoredReference }>,
) => Promise<Array<{ event: string; data: string }>>;

const replayers = new Map<string, Replayer>();

/** Registers how references of one kind are rebuilt (once per process; the same one again is a no-op). */
export function registerReplay(name: string, fn: Replayer): void {
  replayers.set(name, fn);
}

const REFERENCE_PREFIX = '{"replay":';

const JOURNAL_COLUMNS = ['site_id', 'topic', 'seq', 'event', 'actor_id', 'data', 'created_at'] as const;

/** Journaled event data, rebuilding stored references; rows without any come back unchanged. */
async function resolveStored(db: Db, siteId: string, events: JournaledEvent[]): Promise<JournaledEvent[]> {
  const byKind = new Map<string, number[]>();
  const refs: StoredReference[] = [];
  for (const [i, e] of events.entries()) {
    if (!e.data.startsWith(REFERENCE_PREFIX)) continue;
    const ref = JSON.parse(e.data) as StoredReference;
    refs[i] = ref;
    const at = byKind.get(ref.replay);
    if (at) at.push(i);
    else byKind.set(ref.replay, [i]);
  }
  if (byKind.size === 0) return events;
  const out = [...events];
  for (const [kind, at] of byKind) {
    const fn = replayers.get(kind);
    if (!fn) throw new Error(`no replay registered for journaled references of kind ${kind}`);
    const rebuilt = await fn(
      db,
      siteId,
      at.map((i) => ({ event: events[i]!.event, stored: refs[i]! })),
    );
    for (const [k, i] of at.entries()) out[i] = { ...events[i]!, ...rebuilt[k]! };
  }
  return out;
}

/**
 * Appends events inside the caller's transaction. Each (site, topic) numbers its events 1, 2,
 * 3… with no gaps, in commit order: on PostgreSQL an advisory lock per topic, held until the
 * transaction ends, makes writers to one topic take their numbers one after another (SQLite has
 * one writer at a time anyway). Topics are locked in sorted order so two writers never wait
 * on each other in a cycle.
 */
export async function appendEvents(
  tx: Transaction<Database>,
  kind: DialectKind,
  siteId: string,
  drafts: EventDraft[],
  now = new Date().toISOString(),
): Promise<JournaledEvent[]> {
  if (drafts.length === 0) return [];
  if (drafts.length === 1) return [await appendOne(tx, kind, siteId, drafts[0]!, now)];
  const topics = [...new Set(drafts.map((d) => d.topic))].sort();
  const next = new Map<string, number>();
  if (topics.length === 1) {
    const [topic] = topics as [string];
    await lockTopic(tx, kind, siteId, topic);
    next.set(topic, (await headSeq(tx, siteId, topic)) + 1);
  } else {
    // Many topics at once (a notification fan-out): lock and read their heads in slices.
    for (let i = 0; i < topics.length; i += 500) {
      const slice = topics.slice(i, i + 500);
      if (kind === 'postgres') {
        const keys = slice.map((t) => `${siteId}\n${t}`);
        await sql`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(${keys}::text[]) WITH ORDINALITY AS u(k, n) ORDER BY n`.execute(
          tx,
        );
      }
      const heads = await tx
        .selectFrom('realtime_events')
        .select(['topic', (eb) => eb.fn.max('seq').as('seq')])
        .where('site_id', '=', siteId)
        .where('topic', 'in', slice)
        .groupBy('topic')
        .execute();
      for (const topic of slice) next.set(topic, 1);
      for (const h of heads) next.set(h.topic, Number(h.seq ?? 0) + 1);
    }
  }
  const rows = drafts.map((d) => {
    const seq = next.get(d.topic)!;
    next.set(d.topic, seq + 1);
    return {
      d,
      seq,
      text: d.stored ? null : JSON.stringify(d.data),
      stored: d.stored ? JSON.stringify(d.stored) : null,
    };
  });
  await insertRows(
    tx,
    'realtime_events',
    JOURNAL_COLUMNS,
    rows.map((r) => [siteId, r.d.topic, r.seq, r.d.event, r.d.actor ?? null, r.stored ?? r.text, now]),
  );
  // A stored reference's full data is written out only when needed: for the topics someone
  // listens to in this process, or when other processes must hear it.
  return rows.map((r) => ({
    siteId,
    topic: r.d.topic,
    seq: r.seq,
    event: r.d.event,
    actor: r.d.actor ?? null,
    get data() {
      r.text ??= JSON.stringify(r.d.data);
      return r.text;
    },
  }));
}

/** On PostgreSQL, writers to one topic take their numbers one after another (see appendEvents). */
async function lockTopic(tx: Transaction<Database>, kind: DialectKind, siteId: string, topic: string) {
  if (kind === 'postgres') {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${siteId}\n${topic}`}, 0))`.execute(tx);
  }
}

interface OneEvent {
  siteId: string;
  topic: string;
  event: string;
  actor: string | null;
  data: string;
  now: string;
}

/**
 * One event (nearly every change journals one per topic: a comment, its activity): the topic's
 * next number is read and the row written by one statement, compiled once.
 */
const insertNext = prepared((db, p: OneEvent) =>
  db
    .insertInto('realtime_events')
    .values((eb) => ({
      site_id: p.siteId,
      topic: p.topic,
      seq: eb
        .selectFrom('realtime_events')
        .select((s) => s(s.fn.coalesce(s.fn.max('seq'), s.lit(0)), '+', s.lit(1)).as('next'))
        .where('site_id', '=', p.siteId)
        .where('topic', '=', p.topic),
      event: p.event,
      actor_id: p.actor,
      data: p.data,
      created_at: p.now,
    }))
    .returning('seq'),
);

async function appendOne(
  tx: Transaction<Database>,
  kind: DialectKind,
  siteId: string,
  d: EventDraft,
  now: string,
): Promise<JournaledEvent> {
  await lockTopic(tx, kind, siteId, d.topic);
  let text = d.stored ? null : JSON.stringify(d.data);
  const actor = d.actor ?? null;
  const data = text ?? JSON.stringify(d.stored);
  const { rows } = await insertNext(tx, { siteId, topic: d.topic, event: d.event, actor, data, now });
  return {
    siteId,
    topic: d.topic,
    seq: Number(rows[0]!.seq),
    event: d.event,
    actor,
    // As in appendEvents: a stored reference's full data only when someone needs it.
    get data() {
      text ??= JSON.stringify(d.data);
      return text;
    },
  };
}

/** The topic's last sequence number, 0 when it has none. */
export async function headSeq(db: Db, siteId: string, topic: string): Promise<number> {
  const row = await db
    .selectFrom('realtime_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('site_id', '=', siteId)
    .where('topic', '=', topic)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** Events with `after < seq <= upTo`, in order. */
export async function readEvents(
  db: Db,
  siteId: string,
  topic: string,
  after: number,
  upTo: number,
): Promise<JournaledEvent[]> {
  if (upTo <= after) return [];
  const rows = await db
    .selectFrom('realtime_events')
    .select(['seq', 'event', 'data', 'actor_id'])
    .where('site_id', '=', siteId)
    .where('topic', '=', topic)
    .where('seq', '>', after)
    .where('seq', '<=', upTo)
    .orderBy('seq')
    .execute();
  return resolveStored(
    db,
    siteId,
    rows.map((r) => ({
      siteId,
      topic,
      seq: Number(r.seq),
      event: r.event,
      data: r.data,
      actor: r.actor_id,
    })),
  );
}

/**
 * Drops events older than `before`, except each topic's newest, which keeps the numbering going
 * (a topic that started again at 1 would look to every client like events it had already seen).
 * Ids grow with time, so the old events are those before the first id young enough: found by
 * walking the primary key from the oldest row (the rows it passes are the ones to drop) rather
 * than through an index on `created_at` that every event would pay for.
 */
export async function pruneEvents(db: Db, before: string): Promise<number> {
  const young = await db
    .selectFrom('realtime_events')
    .select('id')
    .where('created_at', '>=', before)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  const result = await db
    .deleteFrom('realtime_events as e')
    .$if(young !== undefined, (q) => q.where('e.id', '<', young!.id))
    .where((eb) =>
      eb(
        'e.seq',
        '<',
        eb
          .selectFrom('realtime_events as n')
          .select((n) => n.fn.max('n.seq').as('m'))
          .whereRef('n.site_id', '=', 'e.site_id')
          .whereRef('n.topic', '=', 'e.topic'),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
