import { ErrorCode, PROBLEM_TYPE_BASE, type Problem } from '@sharestack/protocol';

const TITLES: Record<ErrorCode, string> = {
  bad_request: 'Bad request',
  validation_failed: 'Validation failed',
  invalid_json: 'Invalid JSON',
  invalid_cursor: 'Invalid cursor',
  unauthorized: 'Authentication required',
  token_invalid: 'Invalid token',
  token_expired: 'Token expired',
  forbidden: 'Forbidden',
  admin_key_invalid: 'Invalid admin key',
  guests_not_allowed: 'Guests not allowed',
  origin_not_allowed: 'Origin not allowed',
  site_required: 'Site required',
  site_not_found: 'Site not found',
  not_found: 'Not found',
  comment_not_found: 'Comment not found',
  parent_not_found: 'Parent comment not found',
  comment_deleted: 'Comment deleted',
  max_depth_exceeded: 'Maximum reply depth exceeded',
  edit_window_closed: 'Edit window closed',
  reaction_not_allowed: 'Reaction not allowed',
  method_not_allowed: 'Method not allowed',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  rate_limited: 'Too many requests',
  conflict: 'Conflict',
  dev_routes_disabled: 'Dev routes disabled',
  user_banned: 'User banned',
  moderation_item_not_found: 'Moderation item not found',
  moderation_item_leased: 'Moderation item claimed by another moderator',
  already_reported: 'Already reported',
  service_unavailable: 'Service unavailable',
  internal_error: 'Internal server error',
  network_error: 'Network error',
  user_not_found: 'User not found',
  cannot_follow_self: 'Cannot follow oneself',
  cannot_block_self: 'Cannot block oneself',
  blocked: 'Blocked',
  bookmark_not_found: 'Bookmark not found',
  not_content_author: 'Not the content author',
  notification_not_found: 'Notification not found',
  push_subscription_invalid: 'Push subscription invalid',
  unsubscribe_link_invalid: 'Unsubscribe link invalid',
  push_unavailable: 'Web push unavailable',
};

export type FieldError = { path: string; message: string };

/**
 * The one error type of the server. Services throw it too: it carries a status and a protocol
 * code but no HTTP machinery, and `onError` turns it into problem+json.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? TITLES[code]);
    this.name = 'ProblemError';
  }

  toProblem(): Problem {
    return {
      type: `${PROBLEM_TYPE_BASE}${this.code}`,
      title: TITLES[this.code],
      status: this.status,
      code: this.code,
      detail: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new ProblemError(400, ErrorCode.ValidationFailed, detail, errors);
export const notFound = (code: ErrorCode = ErrorCode.NotFound, detail?: string) =>
  new ProblemError(404, code, detail);
export const forbidden = (code: ErrorCode = ErrorCode.Forbidden, detail?: string) =>
  new ProblemError(403, code, detail);
export const unauthorized = (code: ErrorCode = ErrorCode.Unauthorized, detail?: string) =>
  new ProblemError(401, code, detail, undefined, { 'WWW-Authenticate': 'Bearer' });
export const unprocessable = (code: ErrorCode, detail?: string, errors?: FieldError[]) =>
  new ProblemError(422, code, detail, errors);
