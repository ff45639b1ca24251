import { type QueryResult, sql, type Transaction } from 'kysely';
import { insertRows } from '../store/bulk.js';
import type { DialectKind } from '../store/database.js';
import type { Db } from '../store/db.js';
import { sendAhead } from '../store/pipeline.js';
import { reusePlan } from '../store/plans.js';
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

export const JOURNAL_COLUMNS: Array<
  'site_id' | 'topic' | 'seq' | 'event' | 'actor_id' | 'data' | 'created_at'
> = ['site_id', 'topic', 'seq', 'event', 'actor_id', 'data', 'created_at'];

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
 *
 * Resolves once every write has been sent; the writes are sent ahead (store/pipeline.ts), so
 * their answer, with the numbers, comes with the commit: wait for `answered` only after the
 * transaction (a failed write fails the commit).
 */
export async function appendEvents(
  tx: Transaction<Database>,
  kind: DialectKind,
  siteId: string,
  drafts: EventDraft[],
  now = new Date().toISOString(),
): Promise<{ answered: Promise<JournaledEvent[]> }> {
  const topics = [...new Set(drafts.map((d) => d.topic))].sort();
  if (topics.length === 1) return appendToTopic(tx, kind, siteId, topics[0]!, drafts, now);
  const rows = topics.length === 0 ? [] : await appendToTopics(tx, kind, siteId, topics, drafts, now);
  return { answered: Promise.resolve(rows) };
}

interface Row {
  d: EventDraft;
  /** The data as JSON, once written out. */
  text: string | null;
  stored: string | null;
}

const rowOf = (d: EventDraft): Row => ({
  d,
  text: d.stored ? null : JSON.stringify(d.data),
  stored: d.stored ? JSON.stringify(d.stored) : null,
});

/**
 * A stored reference's full data is written out only when needed: for the topics someone
 * listens to in this process, or when other processes must hear it.
 */
const journaled = (siteId: string, r: Row, seq: number): JournaledEvent => ({
  siteId,
  topic: r.d.topic,
  seq,
  event: r.d.event,
  actor: r.d.actor ?? null,
  get data() {
    r.text ??= JSON.stringify(r.d.data);
    return r.text;
  },
});

const topicLock = (tx: Db, siteId: string, topic: string) =>
  reusePlan(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${siteId}\n${topic}`}, 0))`.compile(tx));

/**
 * The topic's next event, numbered by the statement that writes it (one statement where reading
 * the head and writing were two): after the topic's lock, each statement sees the rows of those
 * before it, so events of one transaction follow one another too.
 */
const nextEvent = prepared(
  (
    db,
    p: { siteId: string; topic: string; event: string; actor: string | null; data: string; now: string },
  ) =>
    db
      .insertInto('realtime_events')
      .columns(JOURNAL_COLUMNS)
      .expression((eb) =>
        eb
          .selectFrom('realtime_events')
          .select([
            sql<string>`cast(${p.siteId} as text)`.as('site_id'),
            sql<string>`cast(${p.topic} as text)`.as('topic'),
            sql<number>`coalesce(max(seq), 0) + 1`.as('seq'),
            sql<string>`cast(${p.event} as text)`.as('event'),
            sql<string | null>`cast(${p.actor} as text)`.as('actor_id'),
            sql<string>`cast(${p.data} as text)`.as('data'),
            sql<string>`cast(${p.now} as text)`.as('created_at'),
          ])
          .where('site_id', '=', p.siteId)
          .where('topic', '=', p.topic),
      )
      .returning('seq'),
);

/** One topic (every event but a notification fan-out's): the lock and one statement per event, sent ahead. */
async function appendToTopic(
  tx: Transaction<Database>,
  kind: DialectKind,
  siteId: string,
  topic: string,
  drafts: EventDraft[],
  now: string,
): Promise<{ answered: Promise<JournaledEvent[]> }> {
  if (kind === 'postgres') await sendAhead(tx, topicLock(tx, siteId, topic));
  const rows = drafts.map(rowOf);
  const written: Array<Promise<QueryResult<{ seq: number }>>> = [];
  for (const r of rows) {
    const data = r.stored ?? r.text!;
    const event = { siteId, topic, event: r.d.event, actor: r.d.actor ?? null, data, now };
    written.push((await sendAhead(tx, nextEvent.bind(tx, event))).answered);
  }
  const answered = Promise.all(written).then((answers) =>
    rows.map((r, i) => journaled(siteId, r, Number(answers[i]!.rows[0]!.seq))),
  );
  // Nobody waits for it when the transaction fails.
  answered.catch(() => {});
  return { answered };
}

/** Many topics at once (a notification fan-out): their locks and heads in slices. */
async function appendToTopics(
  tx: Transaction<Database>,
  kind: DialectKind,
  siteId: string,
  topics: string[],
  drafts: EventDraft[],
  now: string,
): Promise<JournaledEvent[]> {
  const next = new Map<string, number>();
  for (let i = 0; i < topics.length; i += 500) {
    const slice = topics.slice(i, i + 500);
    if (kind === 'postgres') {
      // Sent ahead of the read of the heads, which the server runs after the locks are held.
      const keys = slice.map((t) => `${siteId}\n${t}`);
      await sendAhead(
        tx,
        sql`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(${keys}::text[]) WITH ORDINALITY AS u(k, n) ORDER BY n`.compile(
          tx,
        ),
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
  const rows = drafts.map((d) => {
    const seq = next.get(d.topic)!;
    next.set(d.topic, seq + 1);
    return { row: rowOf(d), seq };
  });
  await insertRows(
    tx,
    'realtime_events',
    JOURNAL_COLUMNS,
    rows.map(({ row, seq }) => [
      siteId,
      row.d.topic,
      seq,
      row.d.event,
      row.d.actor ?? null,
      row.stored ?? row.text,
      now,
    ]),
  );
  return rows.map(({ row, seq }) => journaled(siteId, row, seq));
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
