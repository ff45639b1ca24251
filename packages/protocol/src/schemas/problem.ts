import { z } from 'zod';

/** RFC 9457 problem details, with the stable `code` every ShareStack error carries. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    /** Field-level validation failures. */
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** Seconds to wait, for `rate_limited`. */
    retry_after: z.number().optional(),
  })
  .meta({ id: 'Problem' });
