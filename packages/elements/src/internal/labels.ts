import { msg, str } from '@lit/localize';
import { type CommentSort, type ErrorCode, REACTIONS } from '@sharestack/protocol';
import type { ShareStackError } from '@sharestack/sdk';

// Functions, not constants: msg() must run at render time to follow the current locale.

export const sortLabel = (sort: CommentSort): string =>
  ({
    best: msg('Best'),
    new: msg('Newest'),
    old: msg('Oldest'),
    top: msg('Top'),
    hot: msg('Hot'),
    controversial: msg('Controversial'),
  })[sort];

export const reactionLabel = (type: string): string =>
  ({
    like: msg('Like'),
    love: msg('Love'),
    helpful: msg('Helpful'),
    insightful: msg('Insightful'),
    laugh: msg('Laugh'),
    wow: msg('Wow'),
    sad: msg('Sad'),
    angry: msg('Angry'),
    fire: msg('Fire'),
    clap: msg('Applause'),
    dislike: msg('Dislike'),
  })[type] ?? type;

export const reactionEmoji = (type: string): string =>
  (REACTIONS as Record<string, { emoji: string }>)[type]?.emoji ?? '❔';

export const commentCount = (n: number): string =>
  n === 0 ? msg('No comments yet') : n === 1 ? msg('1 comment') : msg(str`${n} comments`);

/** What to tell the viewer about a failed request, in their language where we know the problem. */
export function problemMessage(error: ShareStackError): string {
  const known: Partial<Record<ErrorCode, string>> = {
    ['network_error' satisfies ErrorCode]: msg('Could not reach the server. Check your connection.'),
    ['rate_limited' satisfies ErrorCode]: msg('You are doing that too often. Try again shortly.'),
    ['unauthorized' satisfies ErrorCode]: msg('Please sign in first.'),
    ['token_expired' satisfies ErrorCode]: msg('Your session has expired. Please sign in again.'),
    ['forbidden' satisfies ErrorCode]: msg('You are not allowed to do that.'),
    ['max_depth_exceeded' satisfies ErrorCode]: msg('This conversation is nested too deeply to reply here.'),
    ['edit_window_closed' satisfies ErrorCode]: msg('This comment can no longer be edited.'),
    ['comment_deleted' satisfies ErrorCode]: msg('That comment has been deleted.'),
    ['parent_not_found' satisfies ErrorCode]: msg('The comment you replied to no longer exists.'),
    ['comment_not_found' satisfies ErrorCode]: msg('That comment no longer exists.'),
    ['guests_not_allowed' satisfies ErrorCode]: msg('This site does not allow guest comments.'),
    ['internal_error' satisfies ErrorCode]: msg('Something went wrong on the server. Please try again.'),
  };
  return known[error.code as ErrorCode] ?? error.message;
}

export const incomingLabel = (n: number): string =>
  n === 1 ? msg('Show 1 new comment') : msg(str`Show ${n} new comments`);

/** "3 people here", counting the viewer; nothing when the viewer is alone. */
export const presenceLabel = (n: number): string => (n < 2 ? '' : msg(str`${n} people here`));

/** "Ann is typing…", "Ann and Bob are typing…", "4 people are typing…". */
export function typingLabel(names: string[], locale: string): string {
  if (names.length === 0) return '';
  if (names.length > 3) return msg(str`${names.length} people are typing…`);
  const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
  return names.length === 1 ? msg(str`${list} is typing…`) : msg(str`${list} are typing…`);
}
