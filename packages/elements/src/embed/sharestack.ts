/**
 * The main embed chunk (`embed/sharestack.js`), loaded by `embed.js`. It owns the page's default
 * client; the elements find it through `getDefaultClient()` when no provider or `.client` is given.
 */
import { createClient } from '@sharestack/sdk';
import { setDefaultClient } from '../context.js';
import { setLocale } from '../localization.js';
import type { EmbedConfig, ShareStackEmbed } from './config.js';
import { applyDefaultTheme } from './theme.js';

export type { EmbedConfig, GlobalEmbedConfig, ShareStackEmbed, ShareStackGlobal } from './config.js';

export async function init(config: EmbedConfig): Promise<ShareStackEmbed> {
  const source = config.getToken;
  // A token the host sets later wins over its getToken callback (the SDK's rule), so sign-out works.
  const client = createClient({
    baseUrl: config.baseUrl,
    site: config.site,
    token: config.token ?? null,
    ...(source ? { getToken: source } : {}),
  });
  setDefaultClient(client);
  if (config.theme) applyDefaultTheme(config.theme);

  const warn = (error: unknown) => console.warn('ShareStack:', error);
  // The demo token changes what the thread shows (own reactions), so it is awaited; a host
  // token is already sent with the first requests and the viewer may arrive after them.
  const devToken = config.token || source ? undefined : config.devToken;
  if (!devToken) client.refreshViewer().catch(warn);
  await Promise.all([
    // Demo pages only, so real sites do not download it.
    devToken
      ? import('./dev-token.js')
          .then(({ signInDemoUser }) => signInDemoUser(client, devToken, config.devRoles ?? []))
          .catch(warn)
      : undefined,
    // Translations before the tags, so the first paint is already in the page's language.
    config.locale ? setLocale(config.locale).catch(warn) : undefined,
  ]);
  // Registered last: elements that upgrade now already find the default client and the locale.
  // Only the tags the page uses are loaded (see autoload.ts).
  const { autoload, define } = await import('./autoload.js');
  await autoload();

  return {
    client,
    setToken: (token) => client.setToken(token),
    define,
  };
}
