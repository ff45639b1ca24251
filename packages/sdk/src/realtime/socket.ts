/**
 * The transport, loaded only once something subscribes (so pages that never go live do not
 * download it): partysocket's reconnecting WebSocket with backoff, plus a heartbeat that
 * replaces a connection which has gone quiet (a laptop lid closed, a proxy that dropped it).
 */
import { FATAL_CLOSE_CODES } from '@sharestack/protocol';
import ReconnectingWebSocket from 'partysocket/ws';

export interface SocketCallbacks {
  open(): void;
  message(data: string): void;
  close(code: number, reason: string, fatal: boolean): void;
}

export interface Transport {
  send(data: string): void;
  reconnect(): void;
  close(): void;
}

export interface TransportOptions {
  WebSocket?: unknown;
  /** How often to ping; the connection is replaced after two silent periods. */
  heartbeatMs?: number;
}

export function openTransport(
  url: () => string,
  callbacks: SocketCallbacks,
  options: TransportOptions = {},
): Transport {
  const heartbeatMs = options.heartbeatMs ?? 25_000;
  const rws = new ReconnectingWebSocket(url, undefined, {
    ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
    minReconnectionDelay: 500 + Math.random() * 1_000,
    maxReconnectionDelay: 15_000,
    reconnectionDelayGrowFactor: 1.6,
    connectionTimeout: 8_000,
    // Subscriptions are sent again after each `welcome`; nothing may be queued meanwhile.
    maxEnqueuedMessages: 0,
    shouldReconnectOnClose: (e) => !FATAL_CLOSE_CODES.includes(e.code),
  });
  let lastHeard = Date.now();
  rws.addEventListener('open', () => {
    lastHeard = Date.now();
    callbacks.open();
  });
  rws.addEventListener('message', (e) => {
    lastHeard = Date.now();
    if (typeof e.data === 'string') callbacks.message(e.data);
  });
  rws.addEventListener('close', (e) => callbacks.close(e.code, e.reason, FATAL_CLOSE_CODES.includes(e.code)));
  const beat = setInterval(() => {
    if (rws.readyState !== rws.OPEN) return;
    if (Date.now() - lastHeard > heartbeatMs * 2) rws.reconnect(4008, 'heartbeat timeout');
    else rws.send('{"type":"ping"}');
  }, heartbeatMs);
  (beat as { unref?: () => void }).unref?.();
  return {
    send: (data) => {
      if (rws.readyState === rws.OPEN) rws.send(data);
    },
    reconnect: () => rws.reconnect(),
    close: () => {
      clearInterval(beat);
      rws.close(1000, 'done');
    },
  };
}
