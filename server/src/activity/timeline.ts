import type { Activity } from '@sharestack/protocol';
import { type Paging, pageOf, pageStart } from '../social/cursor.js';
import { visibleUserOr404 } from '../social/relations.js';
import type { Db } from '../store/db.js';
import { whileFollowLasts, withVisibleTargets } from './feed.js';
import { type ActivityRow, presentActivities } from './present.js';

const LIST = 'timeline';

/**
 * A user's own activities as `viewerId` may see them: all of them for the user, public and
 * followers-only ones for followers, public ones for everyone else — and nothing (404) when
 * the profile itself is hidden from the viewer.
 */
export async function readTimeline(
  db: Db,
  siteId: string,
  viewerId: string | null,
  userId: string,
  paging: Paging,
): Promise<{ items: Activity[]; next_cursor: string | null }> {
  const { viewerFollows } = await visibleUserOr404(db, siteId, viewerId, userId);
  const allowed =
    viewerId === userId
      ? ['public', 'followers', 'private']
      : viewerFollows
        ? ['public', 'followers']
        : ['public'];
  const { before, offset } = pageStart(LIST, paging);
  let q = db
    .selectFrom('activities as a')
    .select([
      'a.id',
      'a.user_id',
      'a.activity_type',
      'a.target_type',
      'a.target_id',
      'a.visibility',
      'a.created_at',
    ])
    .where('a.site_id', '=', siteId)
    .where('a.user_id', '=', userId)
    .where('a.visibility', 'in', allowed)
    .where(whileFollowLasts('a'))
    .orderBy('a.id', 'desc')
    .limit(paging.limit + 1);
  if (before !== null) q = q.where('a.id', '<', before);
  else if (offset > 0) q = q.offset(offset);
  const rows: ActivityRow[] = await q.execute();
  const page = pageOf(
    LIST,
    rows,
    paging.limit,
    (r) => Number(r.id),
    (r) => r,
  );
  const visible = await withVisibleTargets(db, siteId, viewerId, page.items);
  return { items: await presentActivities(db, siteId, visible), next_cursor: page.next_cursor };
}
