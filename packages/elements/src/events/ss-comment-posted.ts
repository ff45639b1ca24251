import type { Comment } from '@sharestack/protocol';

/** `detail` of the `ss-comment-posted` event. */
export interface SsCommentPostedDetail {
  comment: Comment;
}

/** The viewer posted a comment or reply and the server accepted it. */
export type SsCommentPostedEvent = CustomEvent<SsCommentPostedDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-comment-posted': SsCommentPostedEvent;
  }
}
