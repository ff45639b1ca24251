import type { ModerationAction } from '@sharestack/protocol';

/** A moderator acted on queue items; `failed` lists those the server refused, with the problem code. */
export type SsModerationActionEvent = CustomEvent<{
  action: ModerationAction;
  itemIds: string[];
  failed: { id: string; code: string }[];
}>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-moderation-action': SsModerationActionEvent;
  }
}
