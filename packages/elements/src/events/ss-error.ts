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

/** `detail` of the `ss-error` event. */
export interface SsErrorDetail {
  action: SsErrorAction;
  error: ShareStackError;
}

/** Something the viewer did failed; the element already shows the problem. */
export type SsErrorEvent = CustomEvent<SsErrorDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-error': SsErrorEvent;
  }
}
