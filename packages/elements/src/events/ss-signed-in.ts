import type { Viewer } from '@sharestack/protocol';

/** The viewer signed in as a guest from the comments form. */
export type SsSignedInEvent = CustomEvent<{ viewer: Viewer }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-signed-in': SsSignedInEvent;
  }
}
