import type { ServerMessage } from '@sharestack/protocol';
import { afterEach } from 'vitest';
import WebSocket from 'ws';

export type Received = ServerMessage;

/** A WebSocket peer for tests: records everything and waits for what a test expects. */
export interface TestSocket {
  ws: WebSocket;
  messages: Received[];
  send(msg: unknown): void;
  sendRaw(data: string | Buffer): void;
  /** Resolves with the first recorded message (past or future) that matches. */
  next<T extends Received['type']>(
    type: T,
    match?: (m: Extract<Received, { type: T }>) => boolean,
    timeoutMs?: number,
  ): Promise<Extract<Received, { type: T }>>;
  events(topic?: string, event?: string): Extract<Received, { type: 'event' }>[];
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export async function connect(
  baseUrl: string,
  query: Record<string, string>,
  opts: { origin?: string; path?: string; autoPong?: boolean } = {},
): Promise<TestSocket> {
  const url = new URL(opts.path ?? '/ws', baseUrl.replace(/^http/, 'ws'));
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const ws = new WebSocket(url, {
    ...(opts.origin ? { origin: opts.origin } : {}),
    ...(opts.autoPong === false ? { autoPong: false } : {}),
  });
  const messages: Received[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    messages.push(JSON.parse(data.toString()) as Received);
    for (const w of [...waiters]) w();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const w of [...waiters]) w();
    });
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const socket: TestSocket = {
    ws,
    messages,
    send: (msg) => ws.send(JSON.stringify(msg)),
    sendRaw: (data) => ws.send(data),
    next(type, match = () => true, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        let seen = 0;
        const check = () => {
          for (; seen < messages.length; seen++) {
            const m = messages[seen]!;
            if (m.type === type && match(m as never)) {
              waiters.delete(check);
              clearTimeout(timer);
              resolve(m as never);
              return;
            }
          }
          if (ws.readyState === ws.CLOSED) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(
              new Error(`socket closed while waiting for ${type}; got ${JSON.stringify(messages.slice(-5))}`),
            );
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${type} within ${timeoutMs} ms; got ${JSON.stringify(messages.slice(-5))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    events(topic, event) {
      return messages.filter(
        (m): m is Extract<Received, { type: 'event' }> =>
          m.type === 'event' && (!topic || m.topic === topic) && (!event || m.event === event),
      );
    },
    closed,
    close: () => ws.close(),
  };
  return socket;
}

/** Connects and authenticates (token null: anonymous), waiting for the welcome. */
export async function signedIn(baseUrl: string, site: string, token: string | null): Promise<TestSocket> {
  const s = await connect(baseUrl, { site });
  s.send({ type: 'auth', token });
  await s.next('welcome');
  return s;
}

export async function subscribed(s: TestSocket, topic: string, since?: string) {
  s.send({ type: 'subscribe', topic, ...(since !== undefined ? { since } : {}), ref: topic });
  return s.next('subscribed', (m) => m.topic === topic);
}

/**
 * Sockets a test file opens, closed after each test: `track(socket)` returns the socket.
 * Call once at the top of a test file (it registers the `afterEach`).
 */
export function trackSockets(): <T extends TestSocket>(s: T) => T {
  const open: TestSocket[] = [];
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });
  return (s) => {
    open.push(s);
    return s;
  };
}

/** Journaled events only (presence and typing have no id). */
export const journaled = (s: TestSocket, topic: string) => s.events(topic).filter((e) => e.id !== null);

/** Polls `check` every 20 ms until it holds, failing after `ms`. */
export async function eventually(check: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
