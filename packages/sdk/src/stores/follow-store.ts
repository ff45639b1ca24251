import { type FollowStatus, type RealtimeEnvelope, RealtimeEvent, Topic } from '@sharestack/protocol';
import { atom, onMount, type ReadableAtom, task } from 'nanostores';
import type { ShareStackClient } from '../client.js';
import { isShareStackError, type ShareStackError } from '../errors.js';
import { socialOf } from '../social.js';
import { perClient } from './per-client.js';

export interface FollowStoreState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  is_following: boolean;
  /** Null while the user's profile is not visible to the viewer (see FollowStatus). */
  follower_count: number | null;
  following_count: number | null;
  /** A follow or unfollow is on its way. */
  pending: boolean;
  error: ShareStackError | null;
}

export interface FollowStore {
  readonly userId: string;
  readonly $state: ReadableAtom<FollowStoreState>;
  load(): Promise<void>;
  /** Follows (true) or unfollows (false) at once, rolling back if the server refuses. */
  setFollowing(follow: boolean): Promise<FollowStatus>;
}

/** Follow state of one user (shared by every button and card showing them). */
export const followStore = (client: ShareStackClient, userId: string): FollowStore =>
  perClient(client, `follow:${userId}`, () => createFollowStore(client, userId));

function createFollowStore(client: ShareStackClient, userId: string): FollowStore {
  const $state = atom<FollowStoreState>({
    status: 'idle',
    is_following: false,
    follower_count: 0,
    following_count: 0,
    pending: false,
    error: null,
  });
  const fromStatus = (s: FollowStatus) =>
    $state.set({
      status: 'ready',
      is_following: s.is_following,
      follower_count: s.follower_count,
      following_count: s.following_count,
      pending: false,
      error: null,
    });

  const store: FollowStore = {
    userId,
    $state,
    async load() {
      $state.set({ ...$state.get(), status: 'loading' });
      try {
        fromStatus(await socialOf(client).followStatus(userId));
      } catch (error) {
        if (!isShareStackError(error)) throw error;
        $state.set({ ...$state.get(), status: 'error', error });
      }
    },
    async setFollowing(follow) {
      const before = $state.get();
      const delta = follow === before.is_following ? 0 : follow ? 1 : -1;
      $state.set({
        ...before,
        is_following: follow,
        follower_count: before.follower_count === null ? null : Math.max(0, before.follower_count + delta),
        pending: true,
        error: null,
      });
      try {
        const s = follow ? await socialOf(client).follow(userId) : await socialOf(client).unfollow(userId);
        fromStatus(s);
        return s;
      } catch (error) {
        $state.set({ ...before, pending: false, error: isShareStackError(error) ? error : null });
        throw error;
      }
    },
  };
  onMount($state, () => {
    // A nanostores task, so SSR and tests can await the first load with allTasks().
    if ($state.get().status === 'idle') void task(() => store.load());
    // Whether "you" follow them changes with who you are.
    const stopSession = client.$session.listen(() => void store.load());
    // Others' follows move the count live (`activity:user:{id}`; the socket code loads lazily).
    const stopLive = client.realtime.subscribe(Topic.activity(userId), {
      event(e: RealtimeEnvelope) {
        if (e.event !== RealtimeEvent.FollowerCount) return;
        const { follower_count } = e.data as { follower_count: number };
        const now = $state.get();
        // The viewer's own follow on its way ends with the server's count anyway.
        // Only a count the viewer may see moves (the topic is theirs only while the profile is).
        if (now.status === 'ready' && !now.pending && now.follower_count !== null)
          $state.set({ ...now, follower_count });
      },
      reset: () => void store.load(),
    });
    return () => {
      stopSession();
      stopLive();
    };
  });
  return store;
}
