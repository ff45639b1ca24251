import { z } from 'zod';
import { Limits } from '../constants.js';

/** Opaque identifiers travel as strings (database ids are 64-bit on PostgreSQL). */
export const Id = z.string().regex(/^[1-9][0-9]{0,17}$/, 'must be a numeric id (at most 18 digits)');

/** A site-scoped key the host page chooses for a piece of content, e.g. `post-1` or a path. */
export const ContentKey = z
  .string()
  .min(1)
  .max(Limits.contentIdMax)
  .regex(/^[^\s\p{Cc}]+$/u, 'must not contain whitespace or control characters');

/** `sub` of the host site's JWT, or `guest:…` for guests. */
export const UserId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters');

/** Text without NUL characters (PostgreSQL cannot store U+0000 in text). */
export const hasNoNul = (s: string) => !s.includes(String.fromCharCode(0));
export const NO_NUL = 'must not contain NUL characters';

/** Links the elements render must be web links, never `javascript:` or `data:`. */
export const HttpUrl = z
  .string()
  .url()
  .max(2000)
  .regex(/^https?:\/\//i, 'must be an http(s) URL');

export const Timestamp = z.string().meta({ format: 'date-time', description: 'ISO 8601, UTC' });

export const Limit = z.coerce.number().int().min(1).max(Limits.pageSizeMax).default(Limits.pageSizeDefault);

export const Cursor = z.string().min(1).max(500);

export const PageQuery = z.object({
  limit: Limit,
  cursor: Cursor.optional(),
  /** The seed's page-number pagination, accepted for compatibility; `cursor` wins. */
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next_cursor: z.string().nullable() });

export const Ok = z.object({ ok: z.literal(true) });
