import type { TargetType } from '@sharestack/protocol';

/** `detail` of the `ss-reaction-changed` event. */
export interface SsReactionChangedDetail {
  targetType: TargetType;
  targetId: string;
  reaction: string | null;
  previous: string | null;
  counts: Record<string, number>;
}

/** The viewer set, switched or cleared (`reaction: null`) a reaction; counts are the server's. */
export type SsReactionChangedEvent = CustomEvent<SsReactionChangedDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-reaction-changed': SsReactionChangedEvent;
  }
}
