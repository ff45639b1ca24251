/** The viewer followed (`following: true`) or unfollowed a user; counts are the server's. */
export type SsFollowChangedEvent = CustomEvent<{ userId: string; following: boolean; followerCount: number }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-follow-changed': SsFollowChangedEvent;
  }
}
