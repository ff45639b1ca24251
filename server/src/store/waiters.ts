import type { DatabaseConnection, Dialect, Driver, TransactionSettings } from 'kysely';
import { withDriver } from './dialect.js';

/**
 * SQLite here is one connection, taken in turn: while a transaction holds it, every other
 * query and transaction of the process waits. `countingWaiters` wraps the dialect so that the
 * number waiting can be read; long-running background work (a notification fan-out page)
 * checks it between steps and commits early when someone is waiting, so a request waits for
 * one step instead of a whole page.
 */
export function countingWaiters(dialect: Dialect): { dialect: Dialect; waiting: () => number } {
  let waiting = 0;
  const wrap = (d: Driver): Driver => ({
    init: () => d.init(),
    async acquireConnection(): Promise<DatabaseConnection> {
      waiting++;
      try {
        return await d.acquireConnection();
      } finally {
        waiting--;
      }
    },
    beginTransaction: (c: DatabaseConnection, s: TransactionSettings) => d.beginTransaction(c, s),
    commitTransaction: (c: DatabaseConnection) => d.commitTransaction(c),
    rollbackTransaction: (c: DatabaseConnection) => d.rollbackTransaction(c),
    ...(d.savepoint && d.rollbackToSavepoint && d.releaseSavepoint
      ? {
          savepoint: d.savepoint.bind(d),
          rollbackToSavepoint: d.rollbackToSavepoint.bind(d),
          releaseSavepoint: d.releaseSavepoint.bind(d),
        }
      : {}),
    releaseConnection: (c: DatabaseConnection) => d.releaseConnection(c),
    destroy: () => d.destroy(),
  });
  return { dialect: withDriver(dialect, wrap), waiting: () => waiting };
}
