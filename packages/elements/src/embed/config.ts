/**
 * Shapes shared by the script-tag loader (`embed.js`) and the main embed chunk. Type-only, so the
 * loader stays free of runtime imports.
 */
import type { ShareStackClient, TokenSource } from '@sharestack/sdk';

export type EmbedTheme = 'light' | 'dark' | 'auto';
export type DevRole = 'moderator' | 'admin';

/** What a host page may put in `window.ShareStackConfig` before the script tag runs. */
export interface GlobalEmbedConfig {
  site?: string;
  /** Server origin; defaults to the origin (and folder) `embed.js` was served from. */
  baseUrl?: string;
  token?: string | null;
  getToken?: TokenSource;
  locale?: string;
  theme?: EmbedTheme;
  /** Demo only: mint a token from the server's dev route; a string names the demo user. */
  devToken?: boolean | string;
  /** Demo only: the roles the dev token claims (`moderator`, `admin`). */
  devRoles?: DevRole[];
}

/** The resolved configuration `init()` receives. */
export interface EmbedConfig extends GlobalEmbedConfig {
  site: string;
  baseUrl: string;
}

/** What `init()` resolves to, and what the loader exposes as `window.ShareStack`. */
export interface ShareStackEmbed {
  readonly client: ShareStackClient;
  /** Signs a user in (a token from the host) or out (`null`); resolves with the new viewer. */
  setToken(token: string | null): ReturnType<ShareStackClient['setToken']>;
  /**
   * Registers the element for a tag (every element without one). Tags in the page's document
   * register by themselves; tags inside the host's own shadow roots need this.
   */
  define(tag?: string): Promise<unknown>;
}

/** `window.ShareStack`: usable at once; `client` appears when `ready` resolves. */
export interface ShareStackGlobal {
  client?: ShareStackClient;
  ready: Promise<ShareStackEmbed>;
  setToken: ShareStackEmbed['setToken'];
  define: ShareStackEmbed['define'];
}

/** The main chunk's module shape, as the loader imports it. */
export interface EmbedModule {
  init(config: EmbedConfig): Promise<ShareStackEmbed>;
}

declare global {
  interface Window {
    ShareStackConfig?: GlobalEmbedConfig;
    ShareStack?: ShareStackGlobal;
  }
}
