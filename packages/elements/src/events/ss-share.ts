import type { ShareChannel } from '@sharestack/protocol';

/** `detail` of the `ss-share` event. */
export interface SsShareDetail {
  contentId: string;
  channel: ShareChannel;
  url: string;
}

/** The viewer shared a content key through a channel (the share is recorded on the server). */
export type SsShareEvent = CustomEvent<SsShareDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-share': SsShareEvent;
  }
}
