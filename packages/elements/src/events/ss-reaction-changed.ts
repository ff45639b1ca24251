import type { TargetType } from '@sharestack/protocol';

/** The viewer set, switched or cleared (`reaction: null`) a reaction; counts are the server's. */
export type SsReactionChangedEvent = CustomEvent<{
  targetType: TargetType;
  targetId: string;
  reaction: string | null;
  previous: string | null;
  counts: Record<string, number>;
}>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-reaction-changed': SsReactionChangedEvent;
  }
}
