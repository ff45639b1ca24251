import { escapeHtml } from '../http/escape.js';

export interface DemoOptions {
  devTokens: boolean;
  name: string | null;
}

/** The page at `/`: what ShareStack is, and a live thread on the demo site. */
export function demoPage({ devTokens, name }: DemoOptions): string {
  const who = name ? escapeHtml(name) : '';
  const script = devTokens
    ? `<script type="module" src="/embed.js" data-site="demo" data-dev-token="${who}"></script>`
    : '<script type="module" src="/embed.js" data-site="demo"></script>';
  const signIn = devTokens
    ? `<form class="who" method="get" action="/">
      <label for="name">Comment as</label>
      <input id="name" name="name" maxlength="80" placeholder="Your demo name" value="${who}" autocomplete="nickname">
      <button type="submit">Use this name</button>
    </form>`
    : '<p class="note">Dev tokens are off on this server, so the demo is read-only (or guests, if allowed).</p>';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <link rel="icon" href="data:,">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>ShareStack demo</title>
  <style>
    :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
    body { max-width: 44rem; margin: 3rem auto; padding: 0 1.25rem; }
    h1 { font-size: 1.8rem; margin-bottom: .25rem; }
    .lead { color: GrayText; margin-top: 0; }
    code, pre { font-family: ui-monospace, monospace; font-size: .9em; }
    pre { background: color-mix(in srgb, CanvasText 6%, Canvas); padding: .75rem 1rem; border-radius: 8px; overflow-x: auto; }
    .who { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; margin: 1.5rem 0; }
    .who input { flex: 1; min-width: 10rem; padding: .4rem .6rem; font: inherit; }
    .who button { padding: .4rem .9rem; font: inherit; cursor: pointer; }
    .note { color: GrayText; }
    footer { margin-top: 3rem; font-size: .85rem; color: GrayText; }
  </style>
</head>
<body>
  <h1>ShareStack</h1>
  <p class="lead">Comments and reactions for any website, self-hosted. One script tag, one element.</p>
  <pre><code>&lt;script type="module" src="${'{'}server}/embed.js" data-site="${'{'}site id}"&gt;&lt;/script&gt;
&lt;ss-comments content-id="my-post"&gt;&lt;/ss-comments&gt;</code></pre>
  <p>Below is a live thread on the <code>demo</code> site. The demo signs you in with a short-lived
  token from <code>/api/dev/token</code>, a route meant only for this page.</p>
  ${signIn}
  <ss-comments content-id="demo-post"></ss-comments>
  ${script}
  <footer>API description: <a href="/openapi.json">/openapi.json</a></footer>
</body>
</html>`;
}
