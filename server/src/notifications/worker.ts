import type { Logger } from '../app.js';
import type { Events } from '../events.js';
import { createGathering } from '../gathering.js';
import type { RateLimits } from '../ratelimit/index.js';
import type { SitesService } from '../sites/service.js';
import type { Store } from '../store/database.js';
import type { Db } from '../store/db.js';
import { type DeliveryChannels, dispatchDue } from './dispatch.js';
import { type Generated, generate, type TriggerEvent } from './generate.js';
import { persistIntent, type SocketEvent } from './persist.js';
import { siteDefaults } from './preferences.js';
import type { PersistContext } from './recipients.js';
import { type Claimed, claimTriggers, deleteTrigger } from './triggers.js';

export interface WorkerOptions {
  store: Store;
  events: Events;
  sites: SitesService;
  log: Logger;
  channels: DeliveryChannels;
  rateLimits?: RateLimits;
  /** How often leftovers (other processes' triggers, retries, digests) are looked for. */
  pollMs?: number;
  /** Triggers taken per transaction (small ones are batched; a big fan-out goes in pages). */
  batch?: number;
  /** At most this many followers per transaction of a creator update (a page). */
  fanoutPage?: number;
  /**
   * How long a page may keep its transaction open when nothing waits for it. A page goes in
   * steps of up to FANOUT_STEP followers and gives the event loop back between them; it commits
   * early when a new trigger woke the worker (a reply's notification should not queue behind a
   * fan-out) and, where the store is one connection (SQLite), when a request is under way
   * (`busy`) or someone waits for that connection.
   * So pages are big while nothing else happens, and whoever comes waits for one step: a page's
   * commit costs about as much for 80 followers as for 500 (bench/notify's query profile), and
   * with pages of ~80 it was a third of the fan-out's database time.
   */
  fanoutBudgetMs?: number;
  /**
   * Whether the process has requests under way: a fan-out page ends at its next step for them,
   * before they reach the database and wait for it (see fanoutBudgetMs).
   */
  busy?: () => boolean;
  /** How long taken work stays this process's before another may take it over. */
  leaseMs?: number;
  /**
   * How long a wake waits before the worker starts, gathering the triggers of the requests that
   * commit meanwhile into one claim and one transaction: each of the worker's rounds commits
   * (the lease, then the notifications), and on PostgreSQL a request committing while such a
   * WAL flush is in progress waits for it. 20 ms on PostgreSQL; 0 (the next turn) on SQLite.
   */
  gatherMs?: number;
}

/** Retries back off exponentially from 2 s up to 30 min. */
export const backoffMs = (attempt: number) => Math.min(2_000 * 2 ** Math.max(0, attempt - 1), 30 * 60_000);

/** Followers a fan-out page reaches between two looks at who is waiting (see fanoutBudgetMs). */
const FANOUT_STEP = 100;
/** A fan-out's cursor: the last follower done, after this prefix. */
const FOLLOWER_CURSOR = 'f:';

/**
 * Turns triggers into notifications and sends what is due, durably: each transaction writes
 * notifications, their deliveries and their socket events, and deletes (or advances) the
 * triggers it handled, so a crash repeats nothing and loses nothing. Woken on every new
 * trigger; also polls, for other processes' leftovers, retries and digests.
 */
export function createNotificationWorker(opts: WorkerOptions) {
  const { store, events, sites, log } = opts;
  const db = store.db;
  const pollMs = opts.pollMs ?? 1_000;
  const batch = opts.batch ?? 100;
  const fanoutPage = opts.fanoutPage ?? 2_000;
  const fanoutBudgetMs = opts.fanoutBudgetMs ?? 50;
  // Steps of one size, so their queries (lists of that many users) are prepared once each.
  const step = Math.min(FANOUT_STEP, fanoutPage);
  const leaseMs = opts.leaseMs ?? 60_000;
  const gatherMs = opts.gatherMs ?? (store.kind === 'postgres' ? 20 : 0);
  const gathering = createGathering();
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;

  async function context(siteId: string, now: Date): Promise<PersistContext | null> {
    const site = await sites.get(siteId);
    if (!site) return null;
    return {
      defaults: siteDefaults(site.settings.notification_defaults),
      email: opts.channels.email !== null,
      push: opts.channels.push !== null,
      rateLimits: opts.rateLimits,
      now,
    };
  }

  /**
   * One step of a creator's followers after `cursor`, in follower order (see migration 0011:
   * neighbours in every recipient-keyed index); returns them and the next cursor or null. A
   * cursor from before 0011 (a follow id, not `f:`-prefixed) starts over: the dedupe check skips
   * those already notified.
   */
  async function followersPage(tx: Db, siteId: string, creator: string, cursor: string | null) {
    const limit = step;
    const after = cursor?.startsWith(FOLLOWER_CURSOR) ? cursor.slice(FOLLOWER_CURSOR.length) : null;
    const rows = await tx
      .selectFrom('follows')
      .select('follower_id')
      .where('site_id', '=', siteId)
      .where('following_id', '=', creator)
      .$if(after !== null, (q) => q.where('follower_id', '>', after!))
      .orderBy('follower_id')
      .limit(limit)
      .execute();
    const next = rows.length === limit ? FOLLOWER_CURSOR + rows[rows.length - 1]!.follower_id : null;
    return { users: rows.map((r) => r.follower_id), next };
  }

  /**
   * Whether a fan-out page takes another step: not once it reached `fanoutPage` followers or
   * kept its transaction open `fanoutBudgetMs`. Between steps the event loop turns (sockets,
   * timers, requests that need no database), and the page ends if a new trigger woke the
   * worker or, with one connection, a request is under way or someone waits for it.
   */
  async function pageGoesOn(started: number, reached: number): Promise<boolean> {
    if (reached + step > fanoutPage || performance.now() - started >= fanoutBudgetMs) return false;
    await new Promise((r) => setImmediate(r));
    if (again || closed) return false;
    // With one connection (SQLite, PGlite) everyone else waits for the page; with a pool
    // (PostgreSQL) nobody does, and the page goes on.
    return !store.waiting || !(store.waiting() || opts.busy?.());
  }

  /** Handles `claimed` in one transaction (a creator update: one page of it). */
  async function handle(claimed: Claimed[], now: Date): Promise<void> {
    // Sites are read before the transaction: on SQLite the one connection is the transaction's.
    const contexts = new Map<string, PersistContext | null>();
    for (const t of claimed)
      if (!contexts.has(t.site_id)) contexts.set(t.site_id, await context(t.site_id, now));
    await events.transaction(db, async (tx, record) => {
      const socket = new Map<string, SocketEvent[]>();
      /** Journals a site's socket events so far (they go out when the transaction commits). */
      const flush = async (siteId: string) => {
        const list = socket.get(siteId);
        if (!list?.length) return;
        socket.delete(siteId);
        await record('notifications.published', { siteId, events: list });
      };
      for (const t of claimed) {
        const ctx = contexts.get(t.site_id) ?? null;
        let next: string | null = null;
        if (ctx) {
          const trigger = { name: t.event, payload: JSON.parse(t.payload) } as TriggerEvent;
          const made: Generated[] = await generate(tx, t.site_id, trigger);
          const persist = async (intent: Generated['intent'], users: string[]) => {
            for (let i = 0; i < users.length; i += 500) {
              const made = await persistIntent(tx, t.site_id, intent, users.slice(i, i + 500), ctx);
              const list = socket.get(t.site_id) ?? [];
              list.push(...made);
              socket.set(t.site_id, list);
            }
          };
          for (const g of made) {
            if ('users' in g.audience) {
              await persist(g.intent, g.audience.users);
              continue;
            }
            // A page: steps of followers until the page is done or someone waits (see fanoutBudgetMs).
            const started = performance.now();
            let reached = 0;
            let cursor = t.cursor;
            for (;;) {
              const page = await followersPage(tx, t.site_id, g.audience.followersOf, cursor);
              await persist(g.intent, page.users);
              // Journaled step by step: at the page's end only the commit is left to wait for.
              await flush(t.site_id);
              reached += page.users.length;
              cursor = next = page.next;
              if (cursor === null || !(await pageGoesOn(started, reached))) break;
            }
          }
        }
        if (next === null) await deleteTrigger(tx, { id: t.id });
        else {
          // More followers to reach: keep the trigger, free it for the next round at once.
          await tx
            .updateTable('notification_triggers')
            .set({ cursor: next, lease_until: null, attempts: 0 })
            .where('id', '=', t.id)
            .execute();
        }
      }
      for (const siteId of socket.keys()) await flush(siteId);
    });
  }

  async function failed(t: Claimed, err: unknown) {
    log.error(`notification trigger ${t.id} (${t.event}) failed`, err);
    await db
      .updateTable('notification_triggers')
      .set({
        lease_until: new Date(Date.now() + backoffMs(t.attempts)).toISOString(),
        last_error: String((err as Error).message ?? err).slice(0, 500),
      })
      .where('id', '=', t.id)
      .execute();
  }

  /**
   * Handles `claimed` in one transaction; if that fails, each alone, so one bad trigger does not
   * hold back the others. A trigger that fails alone is retried later, with backoff.
   */
  async function handleSafely(claimed: Claimed[], now: Date): Promise<void> {
    try {
      await handle(claimed, now);
    } catch (err) {
      if (claimed.length === 1) {
        await failed(claimed[0]!, err);
        return;
      }
      log.info(`a batch of notification triggers failed, retried one by one: ${err}`);
      for (const t of claimed) {
        try {
          await handle([t], now);
        } catch (one) {
          await failed(t, one);
        }
      }
    }
  }

  /**
   * Small triggers (a reply, a follow) and one page of a creator update take turns, each in its
   * own transaction with the event loop given back in between (with better-sqlite3 every query
   * resolves at once, so a transaction holds the process): a reply waits for one step of a page.
   */
  async function processTriggers(): Promise<void> {
    for (;;) {
      let now = new Date();
      // This claim sees every trigger committed so far: a wake from now on is news again (and
      // ends a fan-out page early: pageGoesOn).
      again = false;
      const small = await claimTriggers(db, false, batch, now, leaseMs);
      if (small.length > 0) await handleSafely(small, now);
      await new Promise((r) => setImmediate(r));
      now = new Date();
      const fanout = await claimTriggers(db, true, 1, now, leaseMs);
      if (fanout.length > 0) {
        await handleSafely(fanout, now);
        await new Promise((r) => setImmediate(r));
      }
      // Done when the round left nothing behind: a part batch, no fan-out page, and no wake
      // since the claim (every trigger this process commits wakes it; others' are polled for).
      // Looking again would be two more queries a round (round trips on PostgreSQL).
      if (small.length < batch && fanout.length === 0 && !again) return;
    }
  }

  async function pump(): Promise<void> {
    again = false;
    await processTriggers();
    await dispatchDue({ store, sites, log, channels: opts.channels, now: () => new Date(), leaseMs });
  }

  function wake(): void {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    // At least the next turn of the event loop: with better-sqlite3 a round runs in microtasks,
    // and started here it would run inside the request that woke it, ahead of its response.
    const gathered = (
      gatherMs <= 0 ? new Promise<void>((resolve) => setImmediate(resolve)) : gathering.wait(gatherMs)
    ).then(pump);
    running = gathered
      .catch((err: unknown) => log.error('the notification worker failed', err))
      .finally(() => {
        running = null;
        // Woken while at work: another round, which gathers first too.
        if (again) wake();
      });
  }

  function schedule() {
    if (closed) return;
    timer = setTimeout(() => {
      wake();
      schedule();
    }, pollMs);
    timer.unref();
  }

  return {
    wake,
    start() {
      wake();
      schedule();
    },
    /** Resolves when everything claimable now has been handled (tests, shutdown). */
    async drain(): Promise<void> {
      for (let i = 0; i < 100; i++) {
        wake();
        while (running) {
          gathering.hurry();
          await running;
        }
        const left = await db
          .selectFrom('notification_triggers')
          .select('id')
          .where((eb) =>
            eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', new Date().toISOString())]),
          )
          .limit(1)
          .executeTakeFirst();
        if (!left) return;
      }
    },
    async close(): Promise<void> {
      closed = true;
      if (timer) clearTimeout(timer);
      while (running) {
        gathering.hurry();
        await running;
      }
    },
  };
}

export type NotificationWorker = ReturnType<typeof createNotificationWorker>;
