import { ErrorCode, PROBLEM_CONTENT_TYPE } from '@sharestack/protocol';
import type { Context, ErrorHandler, Hono, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { ProblemError } from './problem.js';
import { validationProblem } from './router.js';

export function problemResponse(c: Context, problem: ProblemError): Response {
  for (const [k, v] of Object.entries(problem.headers ?? {})) c.header(k, v);
  c.header('Content-Type', PROBLEM_CONTENT_TYPE);
  return c.body(JSON.stringify(problem.toProblem()), problem.status as ContentfulStatusCode);
}

/** Maps Hono's own exceptions (JSON parsing, media type, body limit) onto protocol codes. */
function fromHttpException(err: HTTPException): ProblemError {
  const s = err.status;
  if (s === 400 && /json/i.test(err.message)) {
    return new ProblemError(400, ErrorCode.InvalidJson, 'The request body is not valid JSON.');
  }
  if (s === 415) {
    return new ProblemError(415, ErrorCode.UnsupportedMediaType, 'Send the body as application/json.');
  }
  if (s === 413) return new ProblemError(413, ErrorCode.PayloadTooLarge);
  if (s === 401) return new ProblemError(401, ErrorCode.Unauthorized);
  if (s === 403) return new ProblemError(403, ErrorCode.Forbidden);
  if (s === 404) return new ProblemError(404, ErrorCode.NotFound);
  if (s < 500) return new ProblemError(s, ErrorCode.BadRequest, err.message || undefined);
  return new ProblemError(500, ErrorCode.Internal, 'Something went wrong on our side.');
}

export function errorHandler(log: (msg: string, err: unknown) => void): ErrorHandler {
  return function onError(err, c) {
    if (err instanceof ProblemError) return problemResponse(c, err);
    if (err instanceof HTTPException) return problemResponse(c, fromHttpException(err));
    if (err instanceof ZodError) return problemResponse(c, validationProblem(err, 'request'));
    log(`${c.req.method} ${c.req.path} failed`, err);
    return problemResponse(c, new ProblemError(500, ErrorCode.Internal, 'Something went wrong on our side.'));
  };
}

type RouteList = Hono['routes'];

/** 404 for unknown paths, 405 (with Allow) when the path exists under another method. */
export function notFoundHandler(routes: () => RouteList): NotFoundHandler {
  let compiled: { method: string; re: RegExp }[] | null = null;
  return function notFound(c) {
    compiled ??= routes()
      .filter((r) => r.method !== 'ALL')
      .map((r) => ({ method: r.method, re: patternToRegExp(r.path) }));
    const path = c.req.path.length > 1 ? c.req.path.replace(/\/+$/, '') : c.req.path;
    const allowed = [...new Set(compiled.filter((r) => r.re.test(path)).map((r) => r.method))];
    if (allowed.length > 0) {
      if (allowed.includes('GET')) allowed.push('HEAD');
      allowed.push('OPTIONS');
      const p = new ProblemError(
        405,
        ErrorCode.MethodNotAllowed,
        `Use ${allowed.join(', ')} on this path.`,
        undefined,
        {
          Allow: allowed.join(', '),
        },
      );
      return problemResponse(c, p);
    }
    return problemResponse(
      c,
      new ProblemError(404, ErrorCode.NotFound, `No route for ${c.req.method} ${c.req.path}.`),
    );
  };
}

function patternToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/\/+$/, '')
    .split('/')
    .map((seg) => {
      if (seg === '*') return '.*';
      if (seg.startsWith(':')) return '[^/]+';
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${body || '/'}$`);
}
