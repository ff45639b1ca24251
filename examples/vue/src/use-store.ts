import { onScopeDispose, type ShallowRef, shallowRef } from 'vue';

/** What Vue needs of a nanostore: every SDK store (`$state`, `unreadCountOf(client)`, …) fits. */
export interface Readable<T> {
  get(): T;
  listen(listener: (value: T) => void): () => void;
}

/**
 * A ref that follows an SDK store for as long as the calling component (or effect scope) lives.
 * Listening mounts the store, which is what starts its loading and its live updates over the
 * client's socket; a second after the last listener goes, it rests. (`useStore` of
 * `@nanostores/vue` does the same.)
 */
export function useStore<T>(store: Readable<T>): Readonly<ShallowRef<T>> {
  // The store's values are replaced, never changed in place: a shallow ref is enough.
  const value = shallowRef(store.get());
  const stop = store.listen((next) => {
    value.value = next;
  });
  onScopeDispose(stop);
  return value;
}
