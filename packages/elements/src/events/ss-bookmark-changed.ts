/** `detail` of the `ss-bookmark-changed` event. */
export interface SsBookmarkChangedDetail {
  contentId: string;
  bookmarked: boolean;
  collection: string | null;
  notes: string | null;
}

/** The viewer bookmarked, edited or removed (`bookmarked: false`) a bookmark. */
export type SsBookmarkChangedEvent = CustomEvent<SsBookmarkChangedDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-bookmark-changed': SsBookmarkChangedEvent;
  }
}
