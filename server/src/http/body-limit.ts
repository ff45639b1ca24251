import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Hono's bodyLimit, without its cost on the common request. It first asks whether the request
 * has a body (`c.req.raw.body`), which makes @hono/node-server build a full web Request with a
 * stream over the socket (and an AbortSignal); the handler's JSON then has to be read through
 * that stream too. The answer is known without it: GET and HEAD have no body, and a body framed
 * by Content-Length (without Transfer-Encoding) is that long, as Node's parser enforces. Only a
 * chunked body is counted as it streams, by Hono's own middleware.
 */
export function limitBody(maxSize: number, onError: () => never): MiddlewareHandler {
  const streamed = bodyLimit({ maxSize, onError });
  return async function bodyLimited(c, next) {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('Content-Length');
    if (length !== undefined && c.req.header('Transfer-Encoding') === undefined) {
      return Number.parseInt(length || '0', 10) > maxSize ? onError() : next();
    }
    return streamed(c, next);
  };
}
