/**
 * The personal-feed topics (`feed:user:{id}`) open in one process, by site. A feed has no
 * journal of its own: activities reach it from their authors' topics, checked for each owner
 * (hub-delivery.ts `offerToFeeds`), one after another per site so that they arrive in the order
 * they were announced.
 */
export function createFeeds<S>() {
  const bySite = new Map<string, Set<S>>();
  const tails = new Map<string, Promise<void>>();

  return {
    add(siteId: string, state: S) {
      const set = bySite.get(siteId) ?? new Set<S>();
      bySite.set(siteId, set);
      set.add(state);
    },
    remove(siteId: string, state: S) {
      const set = bySite.get(siteId);
      set?.delete(state);
      if (set?.size === 0) bySite.delete(siteId);
    },
    /** Whether a feed of the site is open here (the check every event passes first). */
    any(siteId: string): boolean {
      return bySite.has(siteId);
    },
    open(siteId: string): S[] {
      return [...(bySite.get(siteId) ?? [])];
    },
    /** Runs `work` after the site's earlier work; nothing at all while no feed of the site is open. */
    offer(siteId: string, work: () => Promise<void>): Promise<void> {
      if (!bySite.has(siteId)) return Promise.resolve();
      const done = (tails.get(siteId) ?? Promise.resolve()).then(work);
      const tail = done.catch(() => {});
      tails.set(siteId, tail);
      void tail.then(() => {
        if (tails.get(siteId) === tail) tails.delete(siteId);
      });
      return done;
    },
  };
}
