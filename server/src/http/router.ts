import { OpenAPIHono } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import type { AppEnv } from './env.js';
import { badRequest } from './problem.js';

/** Every router shares one validation hook so field failures look the same everywhere. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    strict: false,
    defaultHook: (result) => {
      if (!result.success) throw validationProblem(result.error, result.target);
    },
  });
}

export function validationProblem(error: ZodError, target: string) {
  const errors = error.issues.slice(0, 50).map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : target,
    message: issue.message,
  }));
  const where = target === 'json' ? 'body' : target;
  return badRequest(`The request ${where} is invalid.`, errors);
}
