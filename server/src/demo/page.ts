import { escapeHtml } from '../http/escape.js';
import { PUSH_SW_PATH } from '../notifications/push-routes.js';
import { DEMO_AUTHOR, DEMO_POST } from './seed.js';

export interface DemoOptions {
  devTokens: boolean;
  name: string | null;
  /** Signed in with the moderator role: the page adds the moderation queue. */
  moderator: boolean;
}

const STYLE = `
    :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
    body { max-width: 46rem; margin: 0 auto 3rem; padding: 0 1.25rem; }
    .bar { position: sticky; top: 0; z-index: 10; display: flex; align-items: center; gap: .75rem;
      padding: .6rem 0; background: Canvas; border-bottom: 1px solid color-mix(in srgb, CanvasText 12%, Canvas); }
    .bar .brand { font-weight: 700; margin-right: auto; }
    h1 { font-size: 1.8rem; margin: 2rem 0 .25rem; }
    h2 { font-size: 1.25rem; margin: 2.5rem 0 .75rem; }
    .lead { color: GrayText; margin-top: 0; }
    code, pre { font-family: ui-monospace, monospace; font-size: .9em; }
    pre { background: color-mix(in srgb, CanvasText 6%, Canvas); padding: .75rem 1rem; border-radius: 8px; overflow-x: auto; }
    .who { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; margin: 1.5rem 0; }
    .who input[type=text] { flex: 1; min-width: 10rem; padding: .4rem .6rem; font: inherit; }
    .who button { padding: .4rem .9rem; font: inherit; cursor: pointer; }
    .post { border: 1px solid color-mix(in srgb, CanvasText 12%, Canvas); border-radius: 12px; padding: 1.25rem; margin: 2rem 0; }
    .post h2 { margin-top: 0; }
    .post .actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin-top: 1rem; }
    .note { color: GrayText; }
    details summary { cursor: pointer; margin: .5rem 0; }
    footer { margin-top: 3rem; font-size: .85rem; color: GrayText; }`;

/**
 * The page at `/`: what ShareStack is, and every element live on the demo site, signed in as a
 * demo reader (a name of their choosing, optionally a moderator). Opening it in a second browser
 * as someone else shows the real-time parts: replies, follows and the bell.
 */
export function demoPage({ devTokens, name, moderator }: DemoOptions): string {
  const who = name ? escapeHtml(name) : '';
  const roles = moderator ? ' data-dev-roles="moderator"' : '';
  const script = devTokens
    ? `<script type="module" src="/embed.js" data-site="demo" data-theme="auto" data-dev-token="${who}"${roles}></script>`
    : '<script type="module" src="/embed.js" data-site="demo" data-theme="auto"></script>';
  const signIn = devTokens
    ? `<form class="who" method="get" action="/">
      <label for="name">Your demo name</label>
      <input id="name" type="text" name="name" maxlength="80" placeholder="e.g. Ann" value="${who}" autocomplete="nickname">
      <label><input type="checkbox" name="moderator" value="1"${moderator ? ' checked' : ''}> moderator</label>
      <button type="submit">Sign in</button>
    </form>
    <p class="note">The demo signs you in with a short-lived token from <code>/api/dev/token</code>, a
    route meant only for this page. Open it in a second browser (or a private window) under
    another name, then follow, reply and react to each other: it all arrives live.</p>`
    : '<p class="note">Dev tokens are off on this server, so the demo is read-only (or guests, if allowed).</p>';
  const queue = moderator
    ? `<h2>Moderation queue</h2>
  <p class="note">Comments the pipeline held or readers reported. Keys: <kbd>j</kbd>/<kbd>k</kbd> (or <kbd>↓</kbd>/<kbd>↑</kbd>) move, <kbd>x</kbd> (or <kbd>Space</kbd>) select, <kbd>a</kbd> approve, <kbd>r</kbd> reject, <kbd>s</kbd> spam, <kbd>d</kbd> delete, <kbd>b</kbd> ban, <kbd>h</kbd> shadow-ban (these three, and their buttons, ask for a second press; <kbd>Esc</kbd> cancels).</p>
  <ss-moderation-queue></ss-moderation-queue>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <link rel="icon" href="data:,">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>ShareStack demo</title>
  <style>${STYLE}
  </style>
</head>
<body>
  <header class="bar">
    <span class="brand">ShareStack demo</span>
    <ss-notification-bell></ss-notification-bell>
  </header>
  <h1>ShareStack</h1>
  <p class="lead">Comments, reactions, follows, bookmarks, shares, notifications, feeds and moderation
  for any website, self-hosted. One script tag, then the elements you want.</p>
  <pre><code>&lt;script type="module" src="${'{'}server}/embed.js" data-site="${'{'}site id}"&gt;&lt;/script&gt;
&lt;ss-comments content-id="my-post"&gt;&lt;/ss-comments&gt;</code></pre>
  ${signIn}
  <article class="post">
    <h2>${escapeHtml(DEMO_POST.content_title)}</h2>
    <ss-profile-card user-id="${DEMO_AUTHOR.sub}"></ss-profile-card>
    <p>This post belongs to the demo site. Follow its author and their next posts reach your feed
    and your bell; bookmark it into a collection with a note; share it; react to it.</p>
    <div class="actions">
      <ss-reactions target-type="content" target-id="${DEMO_POST.content_id}"></ss-reactions>
      <ss-bookmark-button content-id="${DEMO_POST.content_id}" content-title="${escapeHtml(DEMO_POST.content_title)}"></ss-bookmark-button>
      <ss-share-button content-id="${DEMO_POST.content_id}" share-title="${escapeHtml(DEMO_POST.content_title)}" show-count></ss-share-button>
    </div>
  </article>
  <ss-comments content-id="${DEMO_POST.content_id}"></ss-comments>
  <h2>Your feed</h2>
  <p class="note">What the people you follow do, newest first.</p>
  <ss-activity-feed></ss-activity-feed>
  <h2>Notifications</h2>
  <ss-notification-list></ss-notification-list>
  <details>
    <summary>Notification preferences</summary>
    <ss-notification-preferences service-worker="${PUSH_SW_PATH}"></ss-notification-preferences>
  </details>
  ${queue}
  ${script}
  <footer>API description: <a href="/openapi.json">/openapi.json</a></footer>
</body>
</html>`;
}
