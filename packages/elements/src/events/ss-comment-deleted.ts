/** The viewer deleted a comment (their own, or any as a moderator). */
export type SsCommentDeletedEvent = CustomEvent<{ commentId: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-comment-deleted': SsCommentDeletedEvent;
  }
}
