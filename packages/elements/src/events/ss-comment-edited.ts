import type { Comment } from '@sharestack/protocol';

/** `detail` of the `ss-comment-edited` event. */
export interface SsCommentEditedDetail {
  comment: Comment;
}

/** The viewer saved an edit of their comment. */
export type SsCommentEditedEvent = CustomEvent<SsCommentEditedDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-comment-edited': SsCommentEditedEvent;
  }
}
