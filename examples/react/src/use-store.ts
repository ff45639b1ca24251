import { useCallback, useSyncExternalStore } from 'react';

/** What React needs of a nanostore: every SDK store (`$state`, `unreadCountOf(client)`, …) fits. */
export interface Readable<T> {
  get(): T;
  listen(listener: () => void): () => void;
}

/**
 * Renders a component from an SDK store. While some component listens the store is mounted: it
 * loads, and stays live over the client's socket; a second after the last one stops, it rests.
 * (`useStore` of `@nanostores/react` does the same.)
 */
export function useStore<T>(store: Readable<T>): T {
  const subscribe = useCallback((changed: () => void) => store.listen(changed), [store]);
  return useSyncExternalStore(subscribe, () => store.get());
}
