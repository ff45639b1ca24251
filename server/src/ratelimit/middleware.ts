import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from '../http/env.js';
import type { Actor, RateLimits } from './limiter.js';
import type { RateScope } from './rules.js';

/** `METHOD /route/pattern` (as Hono registers it, e.g. `POST /api/comments/:comment_id/like`) → scope. */
export type RouteScopes = Record<string, RateScope>;

/**
 * The client's address: the first X-Forwarded-For hop when the server is told it sits behind
 * a proxy it trusts, else the socket's peer address.
 */
export function clientIp(c: Context<AppEnv>, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? null;
}

export function actorOf(c: Context<AppEnv>, trustProxy: boolean): Actor {
  return { siteId: c.get('site').id, userId: c.get('viewer')?.id ?? null, ip: clientIp(c, trustProxy) };
}

type RouterRoute = ReturnType<typeof matchedRoutes>[number];
/** A route's `METHOD /pattern` (null for middleware), worked out once per registered route. */
const routeKeys = new WeakMap<RouterRoute, string | null>();
function routeKey(r: RouterRoute): string | null {
  let key = routeKeys.get(r);
  if (key === undefined) {
    key = r.method === 'ALL' ? null : `${r.method} ${r.path}`;
    routeKeys.set(r, key);
  }
  return key;
}

/**
 * Limits the routes listed in `scopes` before their handler runs, so a flood is turned away
 * without touching the database. `before` runs next for the same routes (e.g. a ban check),
 * told the route as `scopes` names it.
 */
export function rateLimitRoutes(
  limits: RateLimits,
  scopes: RouteScopes,
  opts: {
    trustProxy: boolean;
    before?: (c: Context<AppEnv>, scope: RateScope, route: string) => Promise<void>;
  },
): MiddlewareHandler<AppEnv> {
  return async function rateLimited(c, next) {
    let route: string | undefined;
    for (const r of matchedRoutes(c)) {
      const key = routeKey(r);
      if (key && scopes[key]) {
        route = key;
        break;
      }
    }
    const scope = route ? scopes[route] : undefined;
    if (route && scope) {
      await limits.enforce(scope, actorOf(c, opts.trustProxy));
      await opts.before?.(c, scope, route);
    }
    return next();
  };
}
