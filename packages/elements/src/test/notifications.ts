import { activityOf, notificationsOf, socialOf } from '@sharestack/sdk';
import { eventually } from './dom.js';
import { contentKey, type ServerFixture, type User } from './fixtures.js';

/** Makes the users exist on the server (they do once they have done something). */
export async function join(fx: ServerFixture, ...users: User[]): Promise<void> {
  for (const u of users) await activityOf(fx.client(u)).setPrivacy({ profile_visibility: 'public' });
}

/** Waits until the server's worker has put `count` unread items in `user`'s inbox. */
export async function unreadOnServer(fx: ServerFixture, user: User, count: number): Promise<void> {
  let last = -1;
  await eventually(async () => {
    last = (await notificationsOf(fx.client(user)).unreadCount()).unread_count;
    return last === count;
  }, `${user} never had ${count} unread (last ${last})`);
}

/** `by` follows `user`: a `follow` notification for `user`. */
export const follow = (fx: ServerFixture, by: User, user: User) => socialOf(fx.client(by)).follow(user);

/** `user` writes a comment that `by` likes: a `like` notification for `user`. */
export async function likeAComment(
  fx: ServerFixture,
  user: User,
  by: User,
  text = 'A comment',
): Promise<void> {
  const comment = await fx
    .client(user)
    .comments.create({ content_id: contentKey('notify'), comment_text: text });
  await fx.client(by).comments.react(comment.id, 'like');
}
