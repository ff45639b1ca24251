import { z } from '@hono/zod-openapi';
import { Problem } from '@sharestack/protocol/schemas';

/** Shared response declarations so every route documents its problems the same way. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const problem = (description: string) => ({
  content: { 'application/problem+json': { schema: Problem } },
  description,
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

export const SiteHeader = z.object({
  'x-sharestack-site': z
    .string()
    .optional()
    .meta({ description: 'The site (tenant); or use the `site` query.' }),
});

export const commonProblems = {
  400: problem('Invalid request'),
  401: problem('Missing or invalid token'),
  403: problem('Not allowed'),
  404: problem('Not found'),
} as const;
