import type { ModerationAction } from '@sharestack/protocol';

/** `detail` of the `ss-moderation-action` event. */
export interface SsModerationActionDetail {
  action: ModerationAction;
  itemIds: string[];
  failed: { id: string; code: string }[];
}

/** A moderator acted on queue items; `failed` lists those the server refused, with the problem code. */
export type SsModerationActionEvent = CustomEvent<SsModerationActionDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-moderation-action': SsModerationActionEvent;
  }
}
