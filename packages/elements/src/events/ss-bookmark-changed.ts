/** The viewer bookmarked, edited or removed (`bookmarked: false`) a bookmark. */
export type SsBookmarkChangedEvent = CustomEvent<{
  contentId: string;
  bookmarked: boolean;
  collection: string | null;
  notes: string | null;
}>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-bookmark-changed': SsBookmarkChangedEvent;
  }
}
