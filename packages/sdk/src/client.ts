import type { PublicSiteConfig, TargetType, TokenResponse, Viewer } from '@sharestack/protocol';
import { atom, type ReadableAtom } from 'nanostores';
import { type AuthClient, createAuthClient } from './auth.js';
import { type CommentsClient, createCommentsClient } from './comments.js';
import { isShareStackError } from './errors.js';
import { createHttp, type Http, type TokenSource } from './http.js';
import { createReactionsClient, type ReactionsClient } from './reactions.js';
import { lazyRealtime } from './realtime/index.js';
import type { RealtimeClient } from './realtime/types.js';
import { createReactionStore, type ReactionStore } from './stores/reaction-store.js';
import { createThreadStore, type ThreadOptions, type ThreadStore } from './stores/thread-store.js';

export interface ClientOptions {
  /** Origin (and optional path prefix) of the ShareStack server, e.g. `https://comments.example.com`. */
  baseUrl: string;
  /** The site (tenant) id. */
  site: string;
  /** A fixed token signed by the host site for its user. */
  token?: string | null;
  /** Called before each request; lets the host refresh tokens. Wins over `token`. */
  getToken?: TokenSource;
  /** Inject a fetch (tests, Node without global fetch, instrumentation). */
  fetch?: typeof globalThis.fetch;
  timeout?: number;
  /** A WebSocket implementation where there is no global one (Node 20: `import WebSocket from 'ws'`). */
  WebSocket?: unknown;
  /** Realtime heartbeat period in ms (default 25 s). */
  heartbeatMs?: number;
  /** Replaces the WebSocket client: another transport, or a scripted one for demos and stories. */
  realtime?: RealtimeClient;
}

export interface ShareStackClient {
  readonly baseUrl: string;
  readonly site: string;
  readonly comments: CommentsClient;
  readonly reactions: ReactionsClient;
  readonly auth: AuthClient;
  /** Live events over one WebSocket, opened when something subscribes. */
  readonly realtime: RealtimeClient;
  /**
   * The client's one HTTP connection (site, token, retries, typed errors), for feature clients
   * that pages load only where they need them: `moderationOf(client)`, `privacyOf(client)`.
   */
  readonly http: Http;
  /** The signed-in viewer, or null for anonymous readers. Kept by `refreshViewer` and `setToken`. */
  readonly $viewer: ReadableAtom<Viewer | null>;
  /**
   * Moves on (1, 2, …) each time requests may start being made as someone else: `setToken` or
   * a guest sign-in. Stores whose state depends on the viewer (follow, bookmark, reactions,
   * profiles, the moderation queue, a live thread's `my_reaction`) read it again.
   */
  readonly $session: ReadableAtom<number>;
  /**
   * Signs a user in (a token from the host) or out (`null`) and refreshes `$viewer`. A token set
   * here wins over `token` and `getToken` from the options.
   */
  setToken(token: string | null): Promise<Viewer | null>;
  /** Asks the server who the current token belongs to. */
  refreshViewer(): Promise<Viewer | null>;
  /** Signs in as a guest where the site allows it. */
  signInAsGuest(name: string): Promise<TokenResponse>;
  /** The site's public settings (reaction set, depth, edit window), fetched once. */
  siteConfig(): Promise<PublicSiteConfig>;
  /** A store for one content's comment thread; the same store is returned for the same arguments. */
  thread(contentId: string, options?: ThreadOptions): ThreadStore;
  /** A store for the reactions on one content or comment. */
  reactionsOf(targetType: TargetType, targetId: string): ReactionStore;
}

export function createClient(options: ClientOptions): ShareStackClient {
  // A token given later (setToken, guest sign-in) wins over the constructor's token and getToken:
  // `undefined` means "none given yet", `null` means "signed out on purpose".
  let explicit: string | null | undefined;
  const getToken: TokenSource = () => {
    if (explicit !== undefined) return explicit;
    return options.getToken ? options.getToken() : (options.token ?? null);
  };
  const http = createHttp({ ...options, getToken });
  const $viewer = atom<Viewer | null>(null);
  const $session = atom(0);
  const bump = () => $session.set($session.get() + 1);
  const auth = createAuthClient(http);
  let config: Promise<PublicSiteConfig> | null = null;
  const threads = new Map<string, ThreadStore>();
  const reactionStores = new Map<string, ReactionStore>();
  const realtime =
    options.realtime ??
    lazyRealtime({
      baseUrl: options.baseUrl,
      site: options.site,
      getToken,
      ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
      ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
    });

  const client: ShareStackClient = {
    baseUrl: options.baseUrl,
    site: options.site,
    comments: createCommentsClient(http),
    reactions: createReactionsClient(http),
    auth,
    realtime,
    http,
    $viewer,
    $session,
    async setToken(next) {
      explicit = next;
      // The socket is authenticated as whoever it was opened for; stores read theirs again.
      realtime.reconnect();
      bump();
      return client.refreshViewer();
    },
    async refreshViewer() {
      if (!(await getToken())) {
        $viewer.set(null);
        return null;
      }
      try {
        const viewer = await auth.me();
        $viewer.set(viewer);
        return viewer;
      } catch (error) {
        // An expired or foreign token leaves the reader anonymous rather than broken.
        if (isShareStackError(error) && error.status === 401) {
          $viewer.set(null);
          return null;
        }
        throw error;
      }
    },
    async signInAsGuest(name) {
      const response = await auth.guest(name);
      explicit = response.token;
      realtime.reconnect();
      bump();
      $viewer.set(response.user);
      return response;
    },
    siteConfig() {
      config ??= http.get<PublicSiteConfig>('site').catch((error: unknown) => {
        config = null;
        throw error;
      });
      return config;
    },
    thread(contentId, threadOptions = {}) {
      const key = JSON.stringify([
        contentId,
        threadOptions.sort,
        threadOptions.limit,
        threadOptions.replies,
        threadOptions.repliesLimit,
        threadOptions.live,
        threadOptions.page?.url,
        threadOptions.page?.title,
      ]);
      let store = threads.get(key);
      if (!store) {
        store = createThreadStore(client, contentId, threadOptions);
        threads.set(key, store);
      }
      return store;
    },
    reactionsOf(targetType, targetId) {
      const key = `${targetType}:${targetId}`;
      let store = reactionStores.get(key);
      if (!store) {
        store = createReactionStore(client, targetType, targetId);
        reactionStores.set(key, store);
      }
      return store;
    },
  };
  return client;
}
