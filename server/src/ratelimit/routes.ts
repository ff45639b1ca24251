import type { RouteScopes } from './middleware.js';

/**
 * The HTTP writes limited today, by route as Hono registers it. Follows and bookmarks add
 * their routes here (scopes `follow`, `bookmark`); WebSocket messages and notifications call
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
};
