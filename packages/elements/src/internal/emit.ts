type DetailOf<K extends keyof GlobalEventHandlersEventMap> =
  GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Dispatches a typed `ss-*` event; bubbles and crosses shadow roots unless told otherwise. */
export function emit<K extends keyof GlobalEventHandlersEventMap & `ss-${string}`>(
  target: EventTarget,
  name: K,
  detail: DetailOf<K>,
  options: Omit<CustomEventInit, 'detail'> = {},
): CustomEvent<DetailOf<K>> {
  const event = new CustomEvent(name, {
    bubbles: true,
    composed: true,
    cancelable: false,
    ...options,
    detail,
  });
  target.dispatchEvent(event);
  return event;
}
