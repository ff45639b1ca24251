/** `detail` of the `ss-comment-deleted` event. */
export interface SsCommentDeletedDetail {
  commentId: string;
}

/** The viewer deleted a comment (their own, or any as a moderator). */
export type SsCommentDeletedEvent = CustomEvent<SsCommentDeletedDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-comment-deleted': SsCommentDeletedEvent;
  }
}
