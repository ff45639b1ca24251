/** `detail` of the `ss-follow-changed` event. */
export interface SsFollowChangedDetail {
  userId: string;
  following: boolean;
  /** Null when the user's profile is not visible to the viewer. */
  followerCount: number | null;
}

/** The viewer followed (`following: true`) or unfollowed a user; counts are the server's. */
export type SsFollowChangedEvent = CustomEvent<SsFollowChangedDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-follow-changed': SsFollowChangedEvent;
  }
}
