import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints of a SQLite file, off the main thread. SQLite otherwise checkpoints in the
 * commit that crosses `wal_autocheckpoint`: that commit copies a thousand pages into the
 * database file and waits for two fsyncs, stalling every request behind it (the social
 * bench's follow p99). Here a worker thread with its own connection runs PASSIVE checkpoints
 * (they never block the writer, nor wait for it) whenever the WAL has grown past `pages`, and
 * the main connection's automatic checkpoints are turned off by the caller.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 0');
let stopped = false;
function tick() {
  if (stopped) return;
  try {
    // A PASSIVE checkpoint that finds nothing to copy costs a read of the WAL index only.
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ log: row.log, checkpointed: row.checkpointed });
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
  setTimeout(tick, workerData.intervalMs);
}
parentPort.on('message', (m) => {
  if (m === 'stop') {
    stopped = true;
    db.close();
    parentPort.postMessage({ stopped: true });
  }
});
tick();
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(file: string, intervalMs = 100, onError: (m: string) => void = () => {}) {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver, intervalMs } });
  worker.unref();
  worker.on('message', (m: { error?: string }) => {
    if (m.error) onError(m.error);
  });
  worker.on('error', (err) => onError(String(err)));
  return {
    async stop() {
      const done = new Promise<void>((resolve) => {
        worker.on('message', (m: { stopped?: boolean }) => m.stopped && resolve());
        worker.on('exit', () => resolve());
      });
      worker.postMessage('stop');
      await done;
      await worker.terminate();
    },
  } satisfies Checkpointer;
}
