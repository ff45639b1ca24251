/**
 * The embed registers an element when the page first uses its tag, so a page with a comment
 * thread downloads the thread and nothing else. Tags inside our own elements come with their
 * parents; tags the page adds later (a single-page app's next view) are found by a
 * MutationObserver. A page that puts tags into its own shadow roots calls
 * `window.ShareStack.define(tag)` (or defines everything with no argument).
 */
const loaders: Record<string, () => Promise<unknown>> = {
  'ss-provider': () => import('../components/provider/provider.js'),
  'ss-comments': () => import('../components/comments/comments.js'),
  'ss-reactions': () => import('../components/reactions/reactions.js'),
  'ss-follow-button': () => import('../components/follow-button/follow-button.js'),
  'ss-bookmark-button': () => import('../components/bookmark-button/bookmark-button.js'),
  'ss-share-button': () => import('../components/share-button/share-button.js'),
  'ss-profile-card': () => import('../components/profile-card/profile-card.js'),
  'ss-activity-feed': () => import('../components/activity-feed/activity-feed.js'),
  'ss-moderation-queue': () => import('../components/moderation-queue/moderation-queue.js'),
  'ss-notification-bell': () => import('../components/notification-bell/notification-bell.js'),
  'ss-notification-list': () => import('../components/notification-list/notification-list.js'),
  'ss-notification-preferences': () =>
    import('../components/notification-preferences/notification-preferences.js'),
};
const asked = new Set<string>();

/** Loads and registers the element for `tag` (all of them without one); `import()` runs each once. */
export function define(tag?: string): Promise<unknown> {
  if (tag === undefined) return Promise.all(Object.keys(loaders).map((t) => define(t)));
  asked.add(tag);
  return loaders[tag]?.() ?? Promise.reject(new Error(`ShareStack has no element <${tag}>`));
}

const scan = (root: ParentNode) =>
  Object.keys(loaders)
    .filter((tag) => !asked.has(tag) && ((root as Element).localName === tag || root.querySelector(tag)))
    .map((tag) => define(tag));

/** Registers what the page uses now, then watches for more; resolves when the first ones are in. */
export async function autoload(doc: Document = document): Promise<unknown> {
  // The provider first, so elements upgraded inside it find their client on connect.
  if (doc.querySelector('ss-provider')) await define('ss-provider');
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n instanceof Element) scan(n);
  }).observe(doc.documentElement, { childList: true, subtree: true });
  return Promise.all(scan(doc));
}
