import type {
  SsActivityFeed,
  SsErrorDetail,
  SsBookmarkButton,
  SsBookmarkChangedDetail,
  SsComment,
  SsComments,
  SsCommentPostedDetail,
  SsCommentEditedDetail,
  SsCommentDeletedDetail,
  SsReactionChangedDetail,
  SsSignedInDetail,
  SsComposer,
  SsFollowButton,
  SsFollowChangedDetail,
  SsGuestForm,
  SsModerationQueue,
  SsModerationActionDetail,
  SsNotificationBell,
  SsNotificationClickDetail,
  SsNotificationList,
  SsNotificationPreferences,
  SsNotificationPreferencesChangedDetail,
  SsPushChangedDetail,
  SsProfileCard,
  SsProvider,
  SsReactions,
  SsReportDialog,
  SsCommentReportedDetail,
  SsShareButton,
  SsShareDetail,
} from "../src/index.js";

/**
 * This type can be used to create scoped tags for your components.
 *
 * Usage:
 *
 * ```ts
 * import type { ScopedElements } from "path/to/library/jsx-integration";
 *
 * declare module "my-library" {
 *   namespace JSX {
 *     interface IntrinsicElements
 *       extends ScopedElements<'test-', ''> {}
 *   }
 * }
 * ```
 *
 */
export type ScopedElements<Prefix extends string = "", Suffix extends string = ""> = {
  [Key in keyof CustomElements as `${Prefix}${Key}${Suffix}`]: CustomElements[Key];
};

type BaseProps = {
  /** Content added between the opening and closing tags of the element */
  children?: any;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  class?: string;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  className?: string;
  /** Takes an object where the key is the class name(s) and the value is a boolean expression. When true, the class is applied, and when false, it is removed. */
  classList?: Record<string, boolean | undefined>;
  /** Specifies the text direction of the element. */
  dir?: "ltr" | "rtl";
  /** Contains a space-separated list of the part names of the element that should be exposed on the host element. */
  exportparts?: string;
  /** For <label> and <output>, lets you associate the label with some control. */
  htmlFor?: string;
  /** Specifies whether the element should be hidden. */
  hidden?: boolean | string;
  /** A unique identifier for the element. */
  id?: string;
  /** Keys tell React which array item each component corresponds to */
  key?: string | number;
  /** Specifies the language of the element. */
  lang?: string;
  /** Contains a space-separated list of the part names of the element. Part names allows CSS to select and style specific elements in a shadow tree via the ::part pseudo-element. */
  part?: string;
  /** Use the ref attribute with a variable to assign a DOM element to the variable once the element is rendered. */
  ref?: unknown | ((e: unknown) => void);
  /** Adds a reference for a custom element slot */
  slot?: string;
  /** Prop for setting inline styles */
  style?: Record<string, string | number>;
  /** Overrides the default Tab button behavior. Avoid using values other than -1 and 0. */
  tabIndex?: number;
  /** Specifies the tooltip text for the element. */
  title?: string;
  /** Passing 'no' excludes the element content from being translated. */
  translate?: "yes" | "no";
};

type BaseEvents = {};

export type SsActivityFeedProps = {
  /** Shows this user's timeline instead of the viewer's personal feed. */
  "user-id"?: SsActivityFeed["userId"];
  /** Entries per page. */
  "page-size"?: SsActivityFeed["pageSize"];
  /** `light` (the default), `dark`, `auto` (follows the OS), or `inherit`. */
  theme?: SsActivityFeed["theme"];
  /**  */
  client?: SsActivityFeed["client"];
  /** Loading more failed. (`detail.action`: `load-more`) */
  "onss-error"?: (e: CustomEvent<SsErrorDetail>) => void;
};

export type SsBookmarkButtonProps = {
  /** The content key to bookmark. */
  "content-id"?: SsBookmarkButton["contentId"];
  /** Recorded with the first bookmark of the content (the page's canonical URL). */
  "content-url"?: SsBookmarkButton["contentUrl"];
  /**  */
  "content-title"?: SsBookmarkButton["contentTitle"];
  /** `light` (the default), `dark`, `auto` (follows the OS), or `inherit`. */
  theme?: SsBookmarkButton["theme"];
  /**  */
  client?: SsBookmarkButton["client"];
  /** The viewer saved, edited or removed the bookmark. */
  "onss-bookmark-changed"?: (e: CustomEvent<SsBookmarkChangedDetail>) => void;
  /** A change failed and was rolled back. (`detail.action`: `bookmark`) */
  "onss-error"?: (e: CustomEvent<SsErrorDetail>) => void;
};

export type SsCommentProps = {
  /**  */
  comment?: SsComment["comment"];
  /**  */
  actions?: SsComment["actions"];
  /**  */
  site?: SsComment["site"];
  /**  */
  viewer?: SsComment["viewer"];
};

export type SsCommentsProps = {
  /** The host page's key for the content being discussed, e.g. `post-1` or a path. */
  "content-id"?: SsComments["contentId"];
  /**  */
  sort?: SsComments["sort"];
  /** The page's address, recorded with the first comment (notifications and emails link there).
Default: the page's canonical link when it is on this origin, else its address without the
fragment. Must be on one of the site's origins. */
  "content-url"?: SsComments["contentUrl"];
  /** The page's title, recorded with the first comment. Default: the document's title. */
  "content-title"?: SsComments["contentTitle"];
  /** Top-level comments per page. Unset, it adapts to the connection (Save-Data and the effective
type): 50 on fast ones, 30 on medium or unknown ones, 15 on slow ones. */
  "page-size"?: SsComments["pageSize"];
  /** Replies shown under each top-level comment before a "Show more replies" button (server
default when unset; none up front on slow connections). */
  "replies-limit"?: SsComments["repliesLimit"];
  /** Follow the thread live (the default); `live="off"` loads it once. */
  live?: SsComments["live"];
  /** `light` (the default), `dark`, or `auto` to follow the operating system. */
  theme?: SsComments["theme"];
  /**  */
  client?: SsComments["client"];
  /** The viewer posted a comment or reply. */
  "onss-comment-posted"?: (e: CustomEvent<SsCommentPostedDetail>) => void;
  /** The viewer saved an edit. */
  "onss-comment-edited"?: (e: CustomEvent<SsCommentEditedDetail>) => void;
  /** The viewer deleted a comment. */
  "onss-comment-deleted"?: (e: CustomEvent<SsCommentDeletedDetail>) => void;
  /** The viewer reacted to a comment. */
  "onss-reaction-changed"?: (e: CustomEvent<SsReactionChangedDetail>) => void;
  /** The viewer signed in as a guest. */
  "onss-signed-in"?: (e: CustomEvent<SsSignedInDetail>) => void;
  /** Something the viewer did failed. */
  "onss-error"?: (e: CustomEvent<SsErrorDetail>) => void;
};

export type SsComposerProps = {
  /** Accessible label of the text box, also its placeholder. */
  label?: SsComposer["label"];
  /**  */
  "submit-label"?: SsComposer["submitLabel"];
  /** Initial text (when editing). */
  value?: SsComposer["value"];
  /**  */
  "max-length"?: SsComposer["maxLength"];
  /** Shows a Cancel button; Escape also dismisses. */
  dismissible?: SsComposer["dismissible"];
  /** Sends the text; the composer clears on success and shows the problem on failure. */
  action?: SsComposer["action"];
  /**  */
  dismiss?: SsComposer["dismiss"];
};

export type SsFollowButtonProps = {
  /** The user to follow. */
  "user-id"?: SsFollowButton["userId"];
  /** Shows the follower count beside the button. */
  "show-count"?: SsFollowButton["showCount"];
  /** `light` (the default), `dark`, `auto` (follows the OS), or `inherit`. */
  theme?: SsFollowButton["theme"];
  /**  */
  client?: SsFollowButton["client"];
  /** The viewer followed or unfollowed. */
  "onss-follow-changed"?: (e: CustomEvent<SsFollowChangedDetail>) => void;
  /** A change failed and was rolled back. (`detail.action`: `follow`) */
  "onss-error"?: (e: CustomEvent<SsErrorDetail>) => void;
};

export type SsGuestFormProps = {
  /** Signs in with the trimmed name; failures are shown under the field. */
  action?: SsGuestForm["action"];
};

export type SsModerationQueueProps = {
  /**  */
  theme?: SsModerationQueue["theme"];
  /** Shows one priority only. */
  priority?: SsModerationQueue["priority"];
  /** Items queued or resolved elsewhere arrive live over the socket (`moderation:site`); this
re-reads the queue as a fallback, in milliseconds (0: never). */
  "poll-interval"?: SsModerationQueue["pollInterval"];
  /**  */
  client?: SsModerationQueue["client"];
  /** The moderator acted on items. */
  "onss-moderation-action"?: (e: CustomEvent<SsModerationActionDetail>) => void;
  /** An action or the queue failed. (`detail.action`: `moderate`) */
  "onss-error"?: (e: CustomEvent<SsErrorDetail>) => void;
};

export type SsNotificationBellProps = {
  /** Whether the dropdown is open. */
  open?: SsNotificationBell["open"];
  /** How many of the latest notifications the dropdown shows. */
  limit?: SsNotificationBell["limit"];
  /** The page with the full inbox (`<ss-notification-list>`), linked at the bottom of the dropdown. */
  "inbox-url"?: SsNotificationBell["inboxUrl"];
  /** `light` (the default), `dark`, `auto` (follows the OS), or `inherit`. */
  theme?: SsNotificationBell["theme"];
  /**  */
  client?: SsNotificationBell["client"];
  /** An item was chosen (cancelable: cancel to route yourself). */
  "onss-notification-click"?: (e: CustomEvent<SsNotificationClickDetail>) => void;
  /** Marking read failed and was rolled back. (`detail.action`: `notifications`) */
  "onss-error"?: (e: CustomEvent<SsErrorDetail>) => void;
};

export type SsNotificationListProps = {
  /** Which items: everything in the inbox, only unread, or the archive. */
  view?: SsNotificationList["view"];
  /** One type only (`follow`, `like`, `comment`, `reply`, `mention`, `content_update`); all when empty. */
  type?: SsNotificationList["type"];
  /** Items per page. */
  "page-size"?: SsNotificationList["pageSize"];
  /** `light` (the default), `dark`, `auto` (follows the OS), or `inherit`. */
  theme?: SsNotificationList["theme"];
  /**  */
  client?: SsNotificationList["client"];
  /** An item was chosen (cancelable: cancel to route yourself). */
  "onss-notification-click"?: (e: CustomEvent<SsNotificationClickDetail>) => void;
  /** An action failed and was rolled back. (`detail.action`: `notifications` or `load-more`) */
  "onss-error"?: (e: CustomEvent<SsErrorDetail>) => void;
};

export type SsNotificationPreferencesProps = {
  /** URL of the page's service worker script, registered when the viewer turns web push on. */
  "service-worker"?: SsNotificationPreferences["serviceWorker"];
  /** `light` (the default), `dark`, `auto` (follows the OS), or `inherit`. */
  theme?: SsNotificationPreferences["theme"];
  /**  */
  client?: SsNotificationPreferences["client"];
  /** A setting was saved. */
  "onss-notification-preferences-changed"?: (e: CustomEvent<SsNotificationPreferencesChangedDetail>) => void;
  /** Web push was turned on or off in this browser. */
  "onss-push-changed"?: (e: CustomEvent<SsPushChangedDetail>) => void;
  /** Saving failed and was rolled back. (`detail.action`: `preferences` or `push`) */
  "onss-error"?: (e: CustomEvent<SsErrorDetail>) => void;
};

export type SsProfileCardProps = {
  /** The user to show. */
  "user-id"?: SsProfileCard["userId"];
  /** `light` (the default), `dark`, `auto` (follows the OS), or `inherit`. */
  theme?: SsProfileCard["theme"];
  /**  */
  client?: SsProfileCard["client"];
};

export type SsProviderProps = {
  /** Origin of the ShareStack server, e.g. `https://comments.example.com`. */
  "base-url"?: SsProvider["baseUrl"];
  /** The site (tenant) id. */
  site?: SsProvider["site"];
  /** The viewer's token, signed by the host site. Changing it signs in or out without a new client. */
  token?: SsProvider["token"];
  /** A client made by the page; wins over the attributes. */
  client?: SsProvider["client"];
};

export type SsReactionsProps = {
  /**  */
  "target-type"?: SsReactions["targetType"];
  /**  */
  "target-id"?: SsReactions["targetId"];
  /** `light` (the default), `dark`, `auto` (follows the OS), or `inherit` (uses the surrounding element's tokens). */
  theme?: SsReactions["theme"];
  /** Shows counts without letting the viewer react. Anonymous readers always get this. */
  disabled?: SsReactions["disabled"];
  /**  */
  client?: SsReactions["client"];
  /** Reaction types to offer; defaults to the site's reaction set. */
  reactionSet?: SsReactions["reactionSet"];
  /** Counts to show instead of loading them (a parent that holds them already). */
  value?: SsReactions["value"];
  /** Performs a change instead of the target's reaction store (used with `value`). */
  action?: SsReactions["action"];
  /** The viewer changed their reaction. */
  "onss-reaction-changed"?: (e: CustomEvent<SsReactionChangedDetail>) => void;
  /** A change failed and was rolled back. (`detail.action`: `react`) */
  "onss-error"?: (e: CustomEvent<SsErrorDetail>) => void;
};

export type SsReportDialogProps = {
  /** The comment to report. */
  commentId?: SsReportDialog["commentId"];
  /** Its author's name, for the heading. */
  authorName?: SsReportDialog["authorName"];
  /** Gets focus back when the dialog closes. */
  opener?: SsReportDialog["opener"];
  /** A client of its own; otherwise a provider's (`<ss-comments>` is one) or the default. */
  client?: SsReportDialog["client"];
  /** The report was filed; `detail.report.hidden` when it hid the comment. */
  "onss-comment-reported"?: (e: CustomEvent<SsCommentReportedDetail>) => void;
};

export type SsShareButtonProps = {
  /** The content key whose shares are counted. */
  "content-id"?: SsShareButton["contentId"];
  /** The link to share; defaults to the content's recorded URL, then the page's. */
  url?: SsShareButton["url"];
  /** The title offered with the link. */
  "share-title"?: SsShareButton["shareTitle"];
  /** Shows how often the content was shared. */
  "show-count"?: SsShareButton["showCount"];
  /** Always uses the menu, even where the browser has a share sheet. */
  "no-native"?: SsShareButton["noNative"];
  /** `light` (the default), `dark`, `auto` (follows the OS), or `inherit`. */
  theme?: SsShareButton["theme"];
  /**  */
  client?: SsShareButton["client"];
  /** The viewer shared (the share is recorded). */
  "onss-share"?: (e: CustomEvent<SsShareDetail>) => void;
  /** Recording the share failed. (`detail.action`: `share`) */
  "onss-error"?: (e: CustomEvent<SsErrorDetail>) => void;
};

export type CustomElements = {
  /**
   * The viewer's personal feed (activities of whom they follow, grouped: "Ann and 3 others
   * liked …"), or with `user-id` that user's timeline as their privacy settings allow.
   * ---
   *
   *
   * ### **Events:**
   *  - **ss-error** - Loading more failed. (`detail.action`: `load-more`)
   *
   * ### **CSS Parts:**
   *  - **base** - The list.
   * - **entry** - One entry.
   * - **more** - The "Show more" button.
   */
  "ss-activity-feed": Partial<SsActivityFeedProps & BaseProps & BaseEvents>;

  /**
   * Bookmarks a piece of content at once; a panel picks the collection and edits notes.
   *
   * The panel opens over the page, anchored to the buttons (it never moves what is around them).
   * Escape or Cancel closes it, dropping what was typed, and returns to its button; a click or focus
   * elsewhere (or the button again) closes it and keeps what was typed for the next time it opens.
   * ---
   *
   *
   * ### **Events:**
   *  - **ss-bookmark-changed** - The viewer saved, edited or removed the bookmark.
   * - **ss-error** - A change failed and was rolled back. (`detail.action`: `bookmark`)
   *
   * ### **CSS Properties:**
   *  - **--ss-color-accent** - The bookmarked state. _(default: undefined)_
   * - **--ss-z-index** - Stacking of the panel (default 1000). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **base** - The bookmark toggle.
   * - **edit** - The button that opens the panel.
   * - **panel** - The collection and notes form.
   */
  "ss-bookmark-button": Partial<SsBookmarkButtonProps & BaseProps & BaseEvents>;

  /**
   * One comment of a thread with its actions and, below it, its replies.
   * Rendered by `<ss-comments>`; not meant to be used on its own.
   * ---
   *
   *
   * ### **Methods:**
   *  - **focus(options: _FocusOptions_): _void_** - Moves focus to the comment itself (after it was loaded, say).
   *
   * ### **CSS Parts:**
   *  - **base** - The comment (an `article`).
   * - **avatar** - The author's picture or initial.
   * - **header** - Author, badges and time.
   * - **body** - The comment text.
   * - **actions** - Reactions and the reply, edit, report and delete buttons.
   * - **replies** - The container of replies.
   * - **more-replies** - The "Show more replies" button of a long thread.
   */
  "ss-comment": Partial<SsCommentProps & BaseProps & BaseEvents>;

  /**
   * A live comment thread for one piece of content: sorting, nested replies, reactions,
   * a composer, editing, deleting, guest sign-in, who is here and who is typing. New comments
   * from others wait behind a "Show N new comments" button so the thread never moves under the
   * reader; edits, reactions and deletions update in place.
   * ---
   *
   *
   * ### **Events:**
   *  - **ss-comment-posted** - The viewer posted a comment or reply.
   * - **ss-comment-edited** - The viewer saved an edit.
   * - **ss-comment-deleted** - The viewer deleted a comment.
   * - **ss-reaction-changed** - The viewer reacted to a comment.
   * - **ss-signed-in** - The viewer signed in as a guest.
   * - **ss-error** - Something the viewer did failed.
   *
   * ### **Slots:**
   *  - **signed-out** - Shown to anonymous readers, e.g. the host's own sign-in button.
   *
   * ### **CSS Properties:**
   *  - **--ss-font-family** - Font of every piece of text. _(default: undefined)_
   * - **--ss-font-size** - Base font size (default 0.9375rem). _(default: undefined)_
   * - **--ss-color-text** - Main text colour. _(default: undefined)_
   * - **--ss-color-text-muted** - Secondary text (times, counters). _(default: undefined)_
   * - **--ss-color-bg** - Background. _(default: undefined)_
   * - **--ss-color-surface** - Background of states, code and inputs. _(default: undefined)_
   * - **--ss-color-border** - Borders and the reply line. _(default: undefined)_
   * - **--ss-color-accent** - Primary buttons, links, the viewer's reaction. _(default: undefined)_
   * - **--ss-color-danger** - Errors and delete confirmation. _(default: undefined)_
   * - **--ss-color-focus** - Focus ring. _(default: undefined)_
   * - **--ss-radius** - Corner radius. _(default: undefined)_
   * - **--ss-avatar-size** - Avatar diameter (default 2rem). _(default: undefined)_
   * - **--ss-indent** - Indentation of each reply level. _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **base** - The wrapper section.
   * - **header** - The bar with the count heading and the sort select.
   * - **heading** - The "12 comments" heading.
   * - **sort** - The sort select.
   * - **composer** - The top-level composer.
   * - **thread** - The list of top-level comments.
   * - **load-more** - The "Load more" button.
   * - **incoming** - The "Show N new comments" button.
   * - **presence** - The "N people here" note.
   * - **typing** - The "Ann is typing…" line.
   */
  "ss-comments": Partial<SsCommentsProps & BaseProps & BaseEvents>;

  /**
   * A text box for writing, replying to or editing a comment, with a character counter.
   * Ctrl/Cmd+Enter submits, Escape dismisses. The text stays when `action` fails.
   * ---
   *
   *
   * ### **Methods:**
   *  - **submit(): _Promise<void>_** - Submits the current text as if the viewer pressed the button.
   *
   * ### **CSS Parts:**
   *  - **base** - The form.
   * - **textarea** - The text box.
   * - **submit** - The submit button.
   * - **counter** - The character counter.
   * - **error** - The problem shown after a failed submit.
   */
  "ss-composer": Partial<SsComposerProps & BaseProps & BaseEvents>;

  /**
   * Follows or unfollows a user (or a creator) at once, rolling back if the server refuses.
   * ---
   *
   *
   * ### **Events:**
   *  - **ss-follow-changed** - The viewer followed or unfollowed.
   * - **ss-error** - A change failed and was rolled back. (`detail.action`: `follow`)
   *
   * ### **CSS Properties:**
   *  - **--ss-color-accent** - Background of "Follow", border of "Following". _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **base** - The button.
   * - **count** - The follower count beside it (with `show-count`).
   */
  "ss-follow-button": Partial<SsFollowButtonProps & BaseProps & BaseEvents>;

  /**
   * Asks an anonymous reader for a display name and signs them in as a guest.
   * Rendered by `<ss-comments>` when the site allows guests.
   * ---
   *
   *
   * ### **CSS Parts:**
   *  - **base** - The form.
   * - **input** - The name field.
   * - **submit** - The button.
   */
  "ss-guest-form": Partial<SsGuestFormProps & BaseProps & BaseEvents>;

  /**
   * The moderation queue for moderators: most pressing first, with the pipeline's scores
   * and reasons, single and bulk actions, keyboard shortcuts, and new items as they arrive.
   *
   * Shortcuts (on the list): ↓/j and ↑/k move, x or Space selects, a approve, r reject, s spam,
   * d delete, b ban, h shadow-ban. With a selection, actions apply to every selected item.
   *
   * Delete, ban and shadow-ban ask first, by key and by button (the bulk Delete too): the first
   * press arms the action and shows what it will do ("Ban Bob? Press b again…"; a clicked button
   * turns into "Confirm: Ban author"); the same key or button again within 5 seconds performs it.
   * Escape, another action, moving to another item, changing the selection or the timeout cancel
   * it. Approve, reject and spam act at once.
   * ---
   *
   *
   * ### **Events:**
   *  - **ss-moderation-action** - The moderator acted on items.
   * - **ss-error** - An action or the queue failed. (`detail.action`: `moderate`)
   *
   * ### **Methods:**
   *  - **receive(item: _ModerationItem_): _void_** - Adds or updates an item announced live (a `moderation.queued` event), without a round trip.
   * - **refresh(): _Promise<void>_** - Reads the queue again now.
   *
   * ### **CSS Properties:**
   *  - **--ss-color-danger** - Urgent items, destructive actions and their confirmation. _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **base** - The wrapper.
   * - **toolbar** - Counts and bulk actions.
   * - **item** - One queue item.
   * - **scores** - An item's scores.
   */
  "ss-moderation-queue": Partial<SsModerationQueueProps & BaseProps & BaseEvents>;

  /**
   * A bell with the viewer's unread count that opens their latest notifications: live,
   * grouped ("Ann and 4 others liked your comment"), mark read, mark all read.
   *
   * Keyboard: Enter or Space (or ↓) opens and moves to the first item, ↓/↑/Home/End move between
   * items, Escape closes and returns to the bell. New notifications are announced to screen readers.
   * The dropdown's code loads when the bell is about to be used (hover, focus).
   * ---
   *
   *
   * ### **Events:**
   *  - **ss-notification-click** - An item was chosen (cancelable: cancel to route yourself).
   * - **ss-error** - Marking read failed and was rolled back. (`detail.action`: `notifications`)
   *
   * ### **Methods:**
   *  - **show(): _Promise<void>_** - Opens the dropdown and moves focus into it.
   * - **hide(returnFocus): _void_** - Closes the dropdown; focus goes back to the bell unless told otherwise.
   *
   * ### **CSS Properties:**
   *  - **--ss-color-danger** - The badge. _(default: undefined)_
   * - **--ss-notification-unread-bg** - Background of unread items (a tint of the accent). _(default: undefined)_
   * - **--ss-notification-panel-width** - Width of the dropdown (default 22rem). _(default: undefined)_
   * - **--ss-notification-panel-max-height** - Height before it scrolls (default 28rem). _(default: undefined)_
   * - **--ss-z-index** - Stacking of the dropdown (default 1000). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **button** - The bell button.
   * - **badge** - The unread count on it.
   * - **panel** - The dropdown.
   * - **item** - One notification in it.
   * - **see-all** - The link to the full inbox (with `inbox-url`).
   */
  "ss-notification-bell": Partial<SsNotificationBellProps & BaseProps & BaseEvents>;

  /**
   * The viewer's full inbox: all, unread or archived, by type; mark read or unread,
   * archive, delete, load more. Live: new notifications arrive at the top.
   * ---
   *
   *
   * ### **Events:**
   *  - **ss-notification-click** - An item was chosen (cancelable: cancel to route yourself).
   * - **ss-error** - An action failed and was rolled back. (`detail.action`: `notifications` or `load-more`)
   *
   * ### **Methods:**
   *  - **refresh(): _Promise<void>_** - Reads the list again now.
   *
   * ### **CSS Properties:**
   *  - **--ss-notification-unread-bg** - Background of unread items (a tint of the accent). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **base** - The wrapper.
   * - **toolbar** - Filters and "Mark all as read".
   * - **item** - One notification.
   * - **actions** - An item's buttons.
   * - **more** - The "Load more" button.
   */
  "ss-notification-list": Partial<SsNotificationListProps & BaseProps & BaseEvents>;

  /**
   * The viewer's notification settings: each type on or off per channel (in the app,
   * email, push), how often email comes, and web push for this browser.
   *
   * Channels the server cannot use (no SMTP or no known address; no VAPID keys) are shown
   * disabled with the reason. Web push needs a service worker: give its URL in `service-worker`
   * for the element to register it, or register your own (importing the server's script).
   * ---
   *
   *
   * ### **Events:**
   *  - **ss-notification-preferences-changed** - A setting was saved.
   * - **ss-push-changed** - Web push was turned on or off in this browser.
   * - **ss-error** - Saving failed and was rolled back. (`detail.action`: `preferences` or `push`)
   *
   * ### **Methods:**
   *  - **load(): _Promise<void>_** - Reads the settings again.
   *
   * ### **CSS Parts:**
   *  - **base** - The wrapper.
   * - **table** - The type × channel table.
   * - **push** - The web push section.
   */
  "ss-notification-preferences": Partial<SsNotificationPreferencesProps & BaseProps & BaseEvents>;

  /**
   * A user's public profile: avatar, name, followers, following, comments and reactions
   * received, with a follow button. A profile hidden by its visibility shows as unavailable.
   * ---
   *
   *
   * ### **CSS Properties:**
   *  - **--ss-color-surface** - Card background. _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **base** - The card.
   * - **avatar** - The avatar image or initial.
   * - **stats** - The list of figures.
   */
  "ss-profile-card": Partial<SsProfileCardProps & BaseProps & BaseEvents>;

  /**
   * Hands one ShareStack client to every element inside it. Give it a `client`, or the
   * `base-url` and `site` (and the viewer's `token`) to create one.
   * ---
   *
   *
   * ### **Slots:**
   *  - _default_ - The page content that holds ShareStack elements.
   */
  "ss-provider": Partial<SsProviderProps & BaseProps & BaseEvents>;

  /**
   * A bar of reaction buttons with counts for a piece of content or a comment.
   * One reaction per viewer: pressing another switches, pressing the same one clears it.
   * ---
   *
   *
   * ### **Events:**
   *  - **ss-reaction-changed** - The viewer changed their reaction.
   * - **ss-error** - A change failed and was rolled back. (`detail.action`: `react`)
   *
   * ### **CSS Properties:**
   *  - **--ss-color-accent** - Border and highlight of the viewer's reaction. _(default: undefined)_
   * - **--ss-color-accent-soft** - Background of the viewer's reaction. _(default: undefined)_
   * - **--ss-color-border** - Button borders. _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **base** - The group of buttons.
   * - **button** - Each reaction button (`aria-pressed` tells the viewer's own).
   * - **count** - The count inside a button.
   */
  "ss-reactions": Partial<SsReactionsProps & BaseProps & BaseEvents>;

  /**
   * A modal dialog in which a reader reports a comment with a reason. `<ss-comment>`
   * loads it when its Report button is pressed (it is not part of the thread bundle).
   * ---
   *
   *
   * ### **Events:**
   *  - **ss-comment-reported** - The report was filed; `detail.report.hidden` when it hid the comment.
   *
   * ### **CSS Parts:**
   *  - **dialog** - The `dialog` element.
   */
  "ss-report-dialog": Partial<SsReportDialogProps & BaseProps & BaseEvents>;

  /**
   * Shares a piece of content: the system share sheet (Web Share API) where the browser has
   * one, else a menu — copy link, email and the usual networks. Every share is counted.
   *
   * The menu opens over the page, anchored to the button. Escape closes it and returns to the
   * button; a click or focus elsewhere closes it too. "Copy link" says "Link copied" in the menu for
   * a moment (and to screen readers); where the clipboard refuses, the menu shows the link in a
   * read-only field, selected for the viewer to copy.
   * ---
   *
   *
   * ### **Events:**
   *  - **ss-share** - The viewer shared (the share is recorded).
   * - **ss-error** - Recording the share failed. (`detail.action`: `share`)
   *
   * ### **CSS Properties:**
   *  - **--ss-z-index** - Stacking of the menu (default 1000). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **base** - The share button.
   * - **count** - The share count (with `show-count`).
   * - **menu** - The fallback menu.
   * - **link** - The field with the link, where the clipboard could not be written.
   */
  "ss-share-button": Partial<SsShareButtonProps & BaseProps & BaseEvents>;
};
