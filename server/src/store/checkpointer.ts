import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints off the event loop. better-sqlite3 runs on the main thread, and SQLite's
 * automatic checkpoint runs inside whichever COMMIT pushes the WAL past 1,000 pages: that one
 * commit copies every page back into the database file and fsyncs it (1 % of commits held
 * 60 % of all commit time under bench/moderation). A worker thread with its own connection
 * runs PASSIVE checkpoints every `intervalMs` instead; they never block the writer, and the
 * writer starts the WAL over once a checkpoint has caught up. The main connection keeps an
 * automatic checkpoint at `backstopPages` in case the worker falls behind or dies.
 */
export interface Checkpointer {
  stop(): Promise<void>;
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message ? err.message : err) });
  }
}, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export function startCheckpointer(
  file: string,
  options: { intervalMs?: number; onError?: (message: string) => void } = {},
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { file, driver, intervalMs: options.intervalMs ?? 250 },
  });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('message', (m: { error?: string }) => {
    if (m.error) options.onError?.(m.error);
  });
  worker.on('error', (err) => options.onError?.(err.message));
  return {
    async stop() {
      // Unreferenced, the worker would not keep the process alive until it has closed.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}

/** Pages in the WAL before the main connection checkpoints by itself (40 MB at 4 KB pages). */
export const BACKSTOP_PAGES = 10_000;
