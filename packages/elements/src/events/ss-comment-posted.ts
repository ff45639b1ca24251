import type { Comment } from '@sharestack/protocol';

/** The viewer posted a comment or reply and the server accepted it. */
export type SsCommentPostedEvent = CustomEvent<{ comment: Comment }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-comment-posted': SsCommentPostedEvent;
  }
}
