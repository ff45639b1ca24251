import type { DevTokenBody, TokenResponse, Viewer } from '@sharestack/protocol';
import type { Http } from './http.js';

export interface AuthClient {
  /** The viewer the current token stands for. Throws `unauthorized` without a token. */
  me(): Promise<Viewer>;
  /** A guest token for `name`, where the site allows guests. */
  guest(name: string): Promise<TokenResponse>;
  /** Demo only: the server mints a short-lived token for the demo site when its dev routes are on. */
  devToken(body?: DevTokenBody): Promise<TokenResponse>;
}

export function createAuthClient(http: Http): AuthClient {
  return {
    me: () => http.get('me'),
    guest: (name) => http.send('POST', 'auth/guest', { name }),
    devToken: (body = {}) => http.send('POST', 'dev/token', body),
  };
}
