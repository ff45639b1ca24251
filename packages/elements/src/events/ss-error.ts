import type { ShareStackError } from '@sharestack/sdk';

export type SsErrorAction =
  | 'post'
  | 'edit'
  | 'delete'
  | 'react'
  | 'sign-in'
  | 'load-more'
  | 'follow'
  | 'bookmark'
  | 'share'
  | 'moderate'
  | 'report'
  | 'notifications'
  | 'preferences'
  | 'push';

/** Something the viewer did failed; the element already shows the problem. */
export type SsErrorEvent = CustomEvent<{ action: SsErrorAction; error: ShareStackError }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-error': SsErrorEvent;
  }
}
