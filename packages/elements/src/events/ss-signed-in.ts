import type { Viewer } from '@sharestack/protocol';

/** `detail` of the `ss-signed-in` event. */
export interface SsSignedInDetail {
  viewer: Viewer;
}

/** The viewer signed in as a guest from the comments form. */
export type SsSignedInEvent = CustomEvent<SsSignedInDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-signed-in': SsSignedInEvent;
  }
}
