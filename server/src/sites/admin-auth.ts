import { createHash, timingSafeEqual } from 'node:crypto';
import { ErrorCode } from '@sharestack/protocol';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/env.js';
import { ProblemError, unauthorized } from '../http/problem.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Compares digests so the comparison takes the same time whatever the key's length. */
export function adminKeyMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export function requireAdmin(adminKey: string): MiddlewareHandler<AppEnv> {
  return async function requireAdminMiddleware(c, next) {
    const header = c.req.header('Authorization');
    if (!header)
      throw unauthorized(ErrorCode.Unauthorized, 'Send the admin key as "Authorization: Bearer <key>".');
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (!match?.[1] || !adminKeyMatches(match[1], adminKey)) {
      throw new ProblemError(401, ErrorCode.AdminKeyInvalid, 'The admin key is wrong.', undefined, {
        'WWW-Authenticate': 'Bearer',
      });
    }
    await next();
  };
}
