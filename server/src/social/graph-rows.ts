import type { ActivityVisibility } from '@sharestack/protocol';
import type { RecordedActivity } from '../activity/record.js';

/** What the follow graph's writes (graph.ts, graph-pg.ts) read and return. */

export interface FollowCounts {
  follower_count: number;
  following_count: number;
}

/** The followed user as a follow needs them, with everything else it must check in the same read. */
export interface FollowTarget extends FollowCounts {
  profile_visibility: string;
  name: string;
  avatar_url: string | null;
  /** Either user blocks the other. */
  blocked: boolean;
  /** The follower's own setting for `followed` activities, null for the default. */
  visibility: ActivityVisibility | null;
  /** The follower's follower count: at the pull threshold their activities are read, not pushed. */
  viewer_followers: number;
}

export interface StartedFollow {
  target: FollowTarget;
  /** False when the follow already existed (nothing was written). */
  started: boolean;
  /** The followed user's counts after the follow. */
  counts: FollowCounts;
  /** The `followed` activity; its push waits in the fan-out queue unless the follower is pulled. */
  activity: RecordedActivity | null;
}

export const countsOf = (
  row: { follower_count: unknown; following_count: unknown } | undefined,
): FollowCounts => ({
  follower_count: Number(row?.follower_count ?? 0),
  following_count: Number(row?.following_count ?? 0),
});

/** The `followed` activity as recorded (the row the statement wrote, with its audience). */
export function followedActivity(
  siteId: string,
  followerId: string,
  followingId: string,
  row: { id: unknown; visibility: string; pulled: boolean; created_at: string },
): RecordedActivity {
  return {
    id: Number(row.id),
    site_id: siteId,
    user_id: followerId,
    activity_type: 'followed',
    target_type: 'user',
    target_id: followingId,
    visibility: row.visibility as ActivityVisibility,
    created_at: row.created_at,
    // Pushed activities are announced by the queue once they reached the inboxes.
    pushedTo: [],
    pulled: row.pulled,
    deferred: !row.pulled,
  };
}

export function toTarget(row: {
  profile_visibility: string;
  name: string;
  avatar_url: string | null;
  follower_count: unknown;
  following_count: unknown;
  blocked: unknown;
  visibility: string | null;
  viewer_followers: unknown;
}): FollowTarget {
  return {
    profile_visibility: row.profile_visibility,
    name: row.name,
    avatar_url: row.avatar_url,
    ...countsOf(row),
    blocked: row.blocked === true || Number(row.blocked) === 1,
    visibility: row.visibility as ActivityVisibility | null,
    viewer_followers: Number(row.viewer_followers ?? 0),
  };
}

/** May the follow go ahead? A followers-only profile can be followed; a private one cannot. */
export const followable = (t: FollowTarget) => !t.blocked && t.profile_visibility !== 'private';
