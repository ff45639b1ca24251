import { ErrorCode } from '@sharestack/protocol';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, Principal } from '../http/env.js';
import { unauthorized } from '../http/problem.js';
import { principalFromClaims, verifyToken } from './tokens.js';

/**
 * Reads are anonymous-friendly, but a request that carries a token must carry a good one:
 * silently treating a bad token as anonymous would hide integration bugs.
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async function authenticateMiddleware(c, next) {
    const header = c.req.header('Authorization');
    if (header === undefined) {
      c.set('viewer', null);
      return next();
    }
    const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
    if (!match?.[1] || match[1].length > 8192) {
      throw unauthorized(ErrorCode.TokenInvalid, 'Send the token as "Authorization: Bearer <jwt>".');
    }
    const claims = await verifyToken(match[1], c.get('site').secret);
    c.set('viewer', principalFromClaims(claims));
    await next();
  };
}

export function requireViewer(c: Context<AppEnv>): Principal {
  const viewer = c.get('viewer');
  if (!viewer) throw unauthorized(ErrorCode.Unauthorized, 'Sign in (send a Bearer token) to do this.');
  return viewer;
}
