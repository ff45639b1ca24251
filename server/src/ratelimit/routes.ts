import type { RouteScopes } from './middleware.js';

/**
 * The HTTP writes limited, by route as Hono registers it; a banned user is refused on each of
 * them too (the write guard runs before the limit). Blocking stays open to everyone, banned or
 * not: it protects the person who blocks. WebSocket messages and notifications call
 * `rateLimits.take()` directly.
 */
export const WRITE_SCOPES: RouteScopes = {
  'POST /api/comments': 'comment',
  'PUT /api/comments/:comment_id': 'comment',
  'POST /api/comments/:comment_id/like': 'reaction',
  'DELETE /api/comments/:comment_id/like': 'reaction',
  'POST /api/reactions': 'reaction',
  'DELETE /api/reactions/:target_type/:target_id': 'reaction',
  'POST /api/moderation/reports': 'report',
  'POST /api/social/follow': 'follow',
  'DELETE /api/social/follow/:user_id': 'follow',
  'POST /api/social/bookmark': 'bookmark',
  'PATCH /api/social/bookmark/:content_id': 'bookmark',
  'DELETE /api/social/bookmark/:content_id': 'bookmark',
};
