/**
 * The gathering wait of background work (the activity fan-out queue, the notification worker):
 * woken, it waits a little so that the work of requests committing meanwhile is done in one
 * round (one transaction, one WAL flush on PostgreSQL). `hurry` ends the wait at once, for
 * those who must not sit it out (settling, draining, closing).
 */
export function createGathering() {
  let end: (() => void) | null = null;
  return {
    /** Resolves after `ms`, or once hurried. */
    wait(ms: number): Promise<void> {
      return new Promise((resolve) => {
        const go = () => {
          clearTimeout(timer);
          end = null;
          resolve();
        };
        const timer = setTimeout(go, ms);
        end = go;
      });
    },
    /** Ends the wait under way, if any. */
    hurry(): void {
      end?.();
    },
  };
}
