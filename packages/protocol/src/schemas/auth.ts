import { z } from 'zod';
import { Limits } from '../constants.js';
import { hasNoNul, NO_NUL, UserId } from './common.js';

/** Claims of the host site's HS256 token. `sub` and `exp` are required. */
export const TokenClaims = z.object({
  sub: UserId,
  exp: z.number().int(),
  name: z.string().max(Limits.displayNameMax).refine(hasNoNul, NO_NUL).optional(),
  avatar: z.string().url().max(2000).refine(hasNoNul, NO_NUL).optional(),
  email: z.string().email().max(320).refine(hasNoNul, NO_NUL).optional(),
  roles: z.array(z.string().refine(hasNoNul, NO_NUL)).max(10).optional(),
  guest: z.boolean().optional(),
});

export const Viewer = z
  .object({
    id: UserId,
    name: z.string(),
    avatar_url: z.string().nullable(),
    roles: z.array(z.string()),
    is_guest: z.boolean(),
  })
  .meta({ id: 'Viewer' });

export const GuestTokenBody = z
  .object({ name: z.string().trim().min(1).max(Limits.displayNameMax) })
  .meta({ id: 'GuestTokenBody' });

export const DevTokenBody = z
  .object({
    sub: UserId.default('demo-user'),
    name: z.string().trim().min(1).max(Limits.displayNameMax).default('Demo User'),
    roles: z.array(z.enum(['moderator', 'admin'])).default([]),
  })
  .meta({ id: 'DevTokenBody' });

export const TokenResponse = z
  .object({ token: z.string(), expires_at: z.string(), user: Viewer })
  .meta({ id: 'TokenResponse' });
