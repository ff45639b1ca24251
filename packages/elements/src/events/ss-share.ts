import type { ShareChannel } from '@sharestack/protocol';

/** The viewer shared a content key through a channel (the share is recorded on the server). */
export type SsShareEvent = CustomEvent<{ contentId: string; channel: ShareChannel; url: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-share': SsShareEvent;
  }
}
