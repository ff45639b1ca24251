import { atom } from 'nanostores';
import type { RealtimeClient, RealtimeOptions, RealtimeStatus } from './types.js';

/**
 * The real-time client as the rest of the SDK sees it. Its code (and partysocket) loads with
 * the first subscription, after a page's first paint; `$status` exists from the start.
 */
export function lazyRealtime(options: RealtimeOptions): RealtimeClient {
  const $status = atom<RealtimeStatus>('idle');
  let loading: Promise<RealtimeClient> | null = null;
  const load = () =>
    (loading ??= import('./live-client.js').then(({ createRealtimeClient }) =>
      createRealtimeClient({ ...options, $status }),
    ));
  return {
    $status,
    subscribe(topic, handlers) {
      let off: (() => void) | undefined;
      let active = true;
      void load().then((rt) => {
        if (active) off = rt.subscribe(topic, handlers);
      });
      return () => {
        active = false;
        off?.();
      };
    },
    typing(topic) {
      void loading?.then((rt) => rt.typing(topic));
    },
    reconnect() {
      void loading?.then((rt) => rt.reconnect());
    },
  };
}
