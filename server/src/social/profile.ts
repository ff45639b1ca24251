import type { Profile, ProfileVisibility } from '@sharestack/protocol';
import type { Principal } from '../http/env.js';
import type { SiteRecord } from '../sites/service.js';
import type { Store } from '../store/database.js';
import { blocks, isFollowing, visibleUserOr404 } from './relations.js';

export function createProfiles({ db }: Store) {
  return {
    /** A user's public profile with stats; 404 when it does not exist or is hidden from the viewer. */
    async get(site: SiteRecord, viewer: Principal | null, userId: string): Promise<Profile> {
      const viewerId = viewer?.id ?? null;
      const { user, viewerFollows } = await visibleUserOr404(db, site.id, viewerId, userId);
      const [activity, onContent, followsYou, isBlocked] = await Promise.all([
        db
          .selectFrom('comments')
          .select((eb) => [
            eb.fn.countAll<number>().as('comments'),
            eb.fn.coalesce(eb.fn.sum<number>('like_count'), eb.lit(0)).as('reactions'),
          ])
          .where('site_id', '=', site.id)
          .where('user_id', '=', userId)
          .where('is_approved', '=', 1)
          .where('is_deleted', '=', 0)
          .executeTakeFirstOrThrow(),
        // Reactions on what they published count as received too (contents_author index).
        db
          .selectFrom('contents')
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('reaction_count'), eb.lit(0)).as('reactions'))
          .where('site_id', '=', site.id)
          .where('author_id', '=', userId)
          .executeTakeFirstOrThrow(),
        viewerId ? isFollowing(db, site.id, userId, viewerId) : false,
        viewerId ? blocks(db, site.id, viewerId, userId) : false,
      ]);
      return {
        id: user.id,
        name: user.name,
        avatar_url: user.avatar_url,
        is_guest: Number(user.is_guest) === 1,
        profile_visibility: user.profile_visibility as ProfileVisibility,
        stats: {
          followers: Number(user.follower_count),
          following: Number(user.following_count),
          comments: Number(activity.comments),
          reactions_received: Number(activity.reactions) + Number(onContent.reactions),
        },
        is_following: viewerFollows,
        follows_you: followsYou,
        is_blocked: isBlocked,
        is_self: viewerId === user.id,
        created_at: user.created_at,
      };
    },
  };
}
