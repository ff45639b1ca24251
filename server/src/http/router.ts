import { OpenAPIHono } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import type { AppEnv } from './env.js';
import { badRequest, type FieldError, type ProblemError } from './problem.js';

/**
 * Every router shares one validation hook so field failures look the same everywhere. It also
 * refuses text holding a NUL character in any validated part of a request (body, query, path),
 * whatever the field: PostgreSQL cannot store U+0000 in text, so such a value would fail at the
 * database as a 500 on one dialect and be kept on the other.
 *
 * `invalid` replaces the problem for a router whose routes answer every bad input with one code
 * of their own (a signed link: `unsubscribe_link_invalid`).
 */
export function createRouter(opts: { invalid?: () => ProblemError } = {}) {
  return new OpenAPIHono<AppEnv>({
    strict: false,
    defaultHook: (result) => {
      if (!result.success) throw opts.invalid?.() ?? validationProblem(result.error, result.target);
      const nul = nulIn(result.data, []);
      if (nul) {
        if (opts.invalid) throw opts.invalid();
        const errors: FieldError[] = [
          { path: nul.length ? nul.join('.') : result.target, message: 'must not contain NUL characters' },
        ];
        throw badRequest(`The request ${where(result.target)} is invalid.`, errors);
      }
    },
  });
}

const NUL = String.fromCharCode(0);

/** The path of the first string (value or key) holding a NUL character, or null. */
export function nulIn(value: unknown, path: string[]): string[] | null {
  if (typeof value === 'string') return value.includes(NUL) ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = nulIn(v, [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    if (k.includes(NUL)) return [...path, k];
    const found = nulIn(v, [...path, k]);
    if (found) return found;
  }
  return null;
}

const where = (target: string) => (target === 'json' ? 'body' : target);

export function validationProblem(error: ZodError, target: string) {
  const errors = error.issues.slice(0, 50).map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : target,
    message: issue.message,
  }));
  return badRequest(`The request ${where(target)} is invalid.`, errors);
}
