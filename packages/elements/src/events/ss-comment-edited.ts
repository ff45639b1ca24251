import type { Comment } from '@sharestack/protocol';

/** The viewer saved an edit of their comment. */
export type SsCommentEditedEvent = CustomEvent<{ comment: Comment }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-comment-edited': SsCommentEditedEvent;
  }
}
