import type { Logger } from '../app.js';

/**
 * Carries real-time messages between server processes. In-process by default; with
 * `REDIS_URL`, Redis pub/sub. Pub/sub may drop messages (a Redis restart, a reconnect), so the
 * bus is only a doorbell: events live in the journal, and `onResync` tells the hub to read
 * what it may have missed from there.
 */
export interface Bus {
  readonly describe: string;
  publish(message: string): void;
  /** Whether anyone but the publisher can hear: not so on the in-process bus of one hub. */
  hasPeers(): boolean;
  onMessage(fn: (message: string) => void): void;
  /** Messages may have been lost (the subscription was down); catch up from the store. */
  onResync(fn: () => void): void;
  close(): Promise<void>;
}

export function memoryBus(): Bus {
  const handlers: Array<(message: string) => void> = [];
  return {
    describe: 'in-process',
    publish(message) {
      // Asynchronous like a real bus, so nothing relies on delivery inside the publisher's call.
      queueMicrotask(() => {
        for (const fn of handlers) fn(message);
      });
    },
    hasPeers: () => handlers.length > 1,
    onMessage(fn) {
      handlers.push(fn);
    },
    onResync() {},
    async close() {},
  };
}

const CHANNEL = 'sharestack:realtime';

export async function redisBus(url: string, log: Logger, connectTimeoutMs = 5_000): Promise<Bus> {
  const { Redis } = await import('ioredis');
  const options = {
    // Keep trying for ever, at most 2 s apart: the journal covers what is missed meanwhile.
    retryStrategy: (times: number) => Math.min(times * 100, 2_000),
    maxRetriesPerRequest: null,
    lazyConnect: true,
  };
  const pub = new Redis(url, options);
  const sub = new Redis(url, options);
  const handlers: Array<(message: string) => void> = [];
  const resyncs: Array<() => void> = [];
  let lastError = '';
  for (const [name, conn] of [
    ['publisher', pub],
    ['subscriber', sub],
  ] as const) {
    conn.on('error', (err: Error) => {
      // ioredis reports every failed reconnect attempt; one line per distinct error is enough.
      if (err.message !== lastError) log.error(`Redis ${name}: ${err.message}`);
      lastError = err.message;
    });
  }
  const connect = (conn: InstanceType<typeof Redis>) =>
    Promise.race([
      conn.connect(),
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error(`no answer within ${connectTimeoutMs} ms`)),
          connectTimeoutMs,
        ).unref(),
      ),
    ]);
  try {
    await Promise.all([connect(pub), connect(sub)]);
    await sub.subscribe(CHANNEL);
  } catch (err) {
    pub.disconnect();
    sub.disconnect();
    throw new Error(`Redis at ${safeUrl(url)} is unreachable: ${(err as Error).message}`, { cause: err });
  }
  sub.on('message', (_channel: string, message: string) => {
    for (const fn of handlers) fn(message);
  });
  let down = false;
  sub.on('close', () => {
    down = true;
  });
  sub.on('ready', () => {
    // ioredis has resubscribed; whatever was published meanwhile never reached us.
    if (!down) return;
    down = false;
    lastError = '';
    log.info('Redis subscriber reconnected; catching up from the journal');
    for (const fn of resyncs) fn();
  });
  return {
    describe: `redis ${safeUrl(url)}`,
    publish(message) {
      pub.publish(CHANNEL, message).catch((err: Error) => log.error('Redis publish failed', err.message));
    },
    hasPeers: () => true,
    onMessage(fn) {
      handlers.push(fn);
    },
    onResync(fn) {
      resyncs.push(fn);
    },
    async close() {
      sub.disconnect();
      await pub.quit().catch(() => pub.disconnect());
    },
  };
}

function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    u.username = '';
    return u.toString();
  } catch {
    return 'redis';
  }
}
