/**
 * `embed.js`: the script-tag entry. Kept tiny (no Lit, no SDK): it reads the host page's
 * configuration, then loads the main chunk that defines the elements.
 *
 *   <script type="module" src="https://HOST/embed.js" data-site="SITE"></script>
 */
import type { TokenSource } from '@sharestack/sdk';
import type {
  DevRole,
  EmbedConfig,
  EmbedModule,
  EmbedTheme,
  GlobalEmbedConfig,
  ShareStackGlobal,
} from './config.js';

const here = import.meta.url;

/** Module scripts have no `document.currentScript`: find the tag whose resolved src is this module. */
function ownScript(): HTMLScriptElement | null {
  for (const script of document.querySelectorAll<HTMLScriptElement>('script[src]')) {
    if (script.src === here) return script;
  }
  // A redirect or a rewritten URL: fall back to the one tag that carries our configuration.
  return document.querySelector<HTMLScriptElement>('script[src][data-site]');
}

/**
 * `data-get-token="auth.getToken"` names a global function, looked up on each call (the host
 * may define it after this script) and called as a method of its owner (`this` is `auth`).
 */
function globalFunction(path: string): TokenSource {
  return () => {
    let owner: unknown;
    let target: unknown = window;
    for (const key of path.split('.')) {
      owner = target;
      target = (target as Record<string, unknown> | undefined)?.[key];
    }
    if (typeof target !== 'function') throw new TypeError(`ShareStack: window.${path} is not a function`);
    return (target as TokenSource).call(owner);
  };
}

function readConfig(): EmbedConfig | null {
  const data = ownScript()?.dataset ?? {};
  const global: GlobalEmbedConfig = window.ShareStackConfig ?? {};
  const site = data.site ?? global.site;
  if (!site) return null;
  const config: EmbedConfig = {
    ...global,
    site,
    baseUrl: data.baseUrl ?? global.baseUrl ?? new URL('.', here).href,
  };
  if (data.token !== undefined) config.token = data.token || null;
  if (data.getToken) config.getToken = globalFunction(data.getToken);
  if (data.locale) config.locale = data.locale;
  if (data.theme) config.theme = data.theme as EmbedTheme;
  if (data.devToken !== undefined) config.devToken = data.devToken || true;
  if (data.devRoles) {
    config.devRoles = data.devRoles
      .split(/[\s,]+/)
      .filter((r): r is DevRole => r === 'moderator' || r === 'admin');
  }
  return config;
}

const config = readConfig();
if (!config) {
  console.error(
    'ShareStack: add data-site="…" to the embed.js script tag, or set window.ShareStackConfig.site',
  );
} else {
  const ready = import(/* @vite-ignore */ new URL('embed/sharestack.js', here).href).then(
    (main: EmbedModule) => main.init(config),
  );
  const api: ShareStackGlobal = {
    ready,
    // Callable before the main chunk has loaded: the call waits for it.
    setToken: (token) => ready.then((embed) => embed.setToken(token)),
    define: (tag) => ready.then((embed) => embed.define(tag)),
  };
  window.ShareStack = api;
  ready.then(
    (embed) => {
      api.client = embed.client;
    },
    (error: unknown) => console.error('ShareStack: the embed failed to start', error),
  );
}
