import type { Server } from 'node:http';
import { RealtimeLimits, WS_PATH } from '@sharestack/protocol';
import { WebSocketServer } from 'ws';
import type { Logger } from '../app.js';
import type { DomainEventName, EventJournal, Events } from '../events.js';
import type { SitesService } from '../sites/service.js';
import type { Store } from '../store/database.js';
import { transaction } from '../store/db.js';
import { type Bus, memoryBus, redisBus } from './bus.js';
import { createHub, type Limits, type LiveAudience, type TopicPolicy } from './hub.js';
import { appendEvents, type EventDraft, type JournaledEvent, pruneEvents } from './journal.js';
import { AFTER_COMMIT, draftsFor } from './mapping.js';

export interface RealtimeOptions {
  store: Store;
  sites: SitesService;
  log: Logger;
  redisUrl?: string | null;
  policy?: TopicPolicy;
  limits?: Partial<Limits>;
  hiddenFor?: (siteId: string, userId: string) => Promise<Set<string>>;
  /** Privacy checked as events are delivered (activity topics, personal feeds). */
  audience?: LiveAudience;
  /** How long the journal keeps events for replay (each topic's newest is always kept). */
  retentionMs?: number;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const NOTIFICATIONS_ALIAS = /^\/ws\/notifications\/([^/]{1,200})\/?$/;

/**
 * The real-time layer: the journal written in each change's transaction, the bus between
 * processes and this process's WebSocket hub.
 */
export async function createRealtime({
  store,
  sites,
  log,
  redisUrl = null,
  retentionMs = 24 * 3600_000,
  ...options
}: RealtimeOptions) {
  const bus: Bus = redisUrl ? await redisBus(redisUrl, log) : memoryBus();
  const hub = createHub({ store, sites, bus, log, ...options });

  const journal: EventJournal = {
    record(tx, name, payload) {
      return appendEvents(tx, store.kind, payload.siteId, draftsFor(name, payload));
    },
    committed(records) {
      hub.publish((records as JournaledEvent[][]).flat());
    },
  };

  const prune = setInterval(
    () => {
      pruneEvents(store.db, new Date(Date.now() - retentionMs).toISOString()).catch((err: unknown) =>
        log.error('pruning the realtime journal failed', err),
      );
    },
    Math.min(retentionMs, 10 * 60_000),
  );
  prune.unref();

  const servers: WebSocketServer[] = [];

  let afterCommit: Promise<unknown> = Promise.resolve();
  /** Events heard since the last journal write began, waiting for the next one. */
  let waiting: Array<{ name: DomainEventName; siteId: string; drafts: EventDraft[] }> = [];

  const siteExists = async (siteId: string) =>
    (await store.db
      .selectFrom('sites')
      .select('id')
      .where('id', '=', siteId)
      .executeTakeFirst()
      .catch(() => true)) !== undefined;
  const journalOwn = async (siteId: string, drafts: EventDraft[]) =>
    (await transaction(store.db, (tx) => appendEvents(tx, store.kind, siteId, drafts))).answered;

  /**
   * Journals everything waiting in one transaction (a busy server commits once for many
   * events instead of once each): per site in sorted order, each site's drafts in the order
   * they were heard, so every topic's numbering follows the order of the events. Should that
   * fail, each event is tried on its own, so one bad event costs no others.
   */
  async function flushWaiting() {
    const batch = waiting;
    waiting = [];
    const bySite = new Map<string, EventDraft[]>();
    for (const b of batch) bySite.set(b.siteId, [...(bySite.get(b.siteId) ?? []), ...b.drafts]);
    let rows: JournaledEvent[];
    try {
      const written = await transaction(store.db, async (tx) => {
        const out: Array<Promise<JournaledEvent[]>> = [];
        for (const siteId of [...bySite.keys()].sort()) {
          out.push((await appendEvents(tx, store.kind, siteId, bySite.get(siteId)!)).answered);
        }
        return out;
      });
      rows = (await Promise.all(written)).flat();
    } catch {
      for (const b of batch) {
        let own: JournaledEvent[];
        try {
          own = await journalOwn(b.siteId, b.drafts);
        } catch (err) {
          // A site deleted since the event has nobody left to hear it: nothing is lost.
          if (!(await siteExists(b.siteId))) continue;
          log.error(`journaling ${b.name} failed`, err);
          continue;
        }
        hub.publish(own);
      }
      return;
    }
    hub.publish(rows);
  }

  return {
    hub,
    bus,
    journal,
    /**
     * Follows the events services emit after their commit (follows, activities, blocks):
     * journaled in a transaction of their own, one batch after another, then delivered.
     */
    follow(events: Events) {
      for (const name of AFTER_COMMIT) {
        events.onUnjournaled(name, (payload) => {
          const drafts = draftsFor(name, payload);
          if (drafts.length === 0) return;
          waiting.push({ name, siteId: payload.siteId, drafts });
          // A write already queued and not yet begun takes this event along.
          if (waiting.length > 1) return;
          // Begun after the requests already read from sockets have run (setImmediate), so
          // their events share the write: with better-sqlite3 a whole request runs in one turn
          // of the event loop, and starting at once would commit once per event.
          afterCommit = afterCommit
            .then(nextTurn)
            .then(flushWaiting)
            .catch((err: unknown) => log.error('delivering journaled events failed', err));
        });
      }
      events.on('block.created', (p) => hub.blockChanged(p.siteId, p.blockerId, p.blockedId, true));
      events.on('block.deleted', (p) => hub.blockChanged(p.siteId, p.blockerId, p.blockedId, false));
    },
    /** Serves `/ws` (and the seed's `/ws/notifications/{user_id}/`) on an HTTP server. */
    attach(server: Server) {
      const wss = new WebSocketServer({
        noServer: true,
        clientTracking: false,
        // A compression context costs far more memory than a socket; events are small.
        perMessageDeflate: false,
        maxPayload: options.limits?.messageBytesMax ?? RealtimeLimits.messageBytesMax,
      });
      servers.push(wss);
      server.on('upgrade', (req, socket, head) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const alias = NOTIFICATIONS_ALIAS.exec(url.pathname);
        if (url.pathname !== WS_PATH && url.pathname !== `${WS_PATH}/` && !alias) {
          socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
          return;
        }
        let notificationsOf: string | null = null;
        try {
          notificationsOf = alias ? decodeURIComponent(alias[1]!) : null;
        } catch {
          socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
          return;
        }
        socket.on('error', () => socket.destroy());
        wss.handleUpgrade(req, socket, head, (ws) => {
          hub.accept(ws, {
            siteId: url.searchParams.get('site') ?? '',
            token: url.searchParams.get('token'),
            origin: req.headers.origin ?? null,
            notificationsOf,
          });
        });
      });
    },
    async close() {
      clearInterval(prune);
      await afterCommit;
      await hub.close();
      for (const wss of servers) wss.close();
      await bus.close();
    },
  };
}

export type Realtime = Awaited<ReturnType<typeof createRealtime>>;
export { defaultTopicPolicy, type LiveAudience, type TopicPolicy } from './hub.js';
