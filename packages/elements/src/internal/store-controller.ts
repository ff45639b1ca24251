import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/** Re-renders its host when a nanostore changes; the store can be swapped at any time. */
export class StoreController<T> implements ReactiveController {
  private store?: ReadableAtom<T>;
  private unsubscribe?: () => void;
  private connected = false;
  value: T | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    store?: ReadableAtom<T>,
  ) {
    host.addController(this);
    if (store) this.use(store);
  }

  /** Listens to `store` instead of the current one (no-op when it is the same). */
  use(store: ReadableAtom<T> | undefined): void {
    if (store === this.store) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.store = store;
    this.value = store?.get();
    if (this.connected) this.subscribe();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.connected = true;
    this.subscribe();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private subscribe() {
    if (!this.store || this.unsubscribe) return;
    this.unsubscribe = this.store.subscribe((value) => {
      this.value = value;
      this.host.requestUpdate();
    });
  }
}
