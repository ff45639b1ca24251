import type { RouteScopes } from './middleware.js';

/**
 * The HTTP writes limited, by route as Hono registers it; a banned user is refused on each of
 * them too (by the write guard after the limit, or by the write itself: BANS_CHECKED_IN_WRITE).
 * Blocking stays open to everyone, banned or not: it protects the person who blocks. WebSocket
 * messages and notifications call `rateLimits.take()` directly.
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
  'POST /api/social/share': 'share',
  'POST /api/activity/publish': 'publish',
};

/**
 * Write routes whose service refuses a banned user itself, in the work it does anyway: the follow
 * graph's statement (social/ban-guard.ts; on PostgreSQL the guard's own read was one round trip
 * more than the follow's two) and a comment write's moderation screen (its one query reads the
 * ban with the author's other facts). The guard skips its ban check there; the limit still applies.
 */
export const BANS_CHECKED_IN_WRITE: ReadonlySet<string> = new Set([
  'POST /api/social/follow',
  'DELETE /api/social/follow/:user_id',
  'POST /api/comments',
  'PUT /api/comments/:comment_id',
]);
