import type { Profile } from '@sharestack/protocol';
import { atom, onMount, type ReadableAtom, task } from 'nanostores';
import type { ShareStackClient } from '../client.js';
import { isShareStackError, type ShareStackError } from '../errors.js';
import { socialOf } from '../social.js';
import { perClient } from './per-client.js';

export interface ProfileStoreState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  profile: Profile | null;
  error: ShareStackError | null;
}

export interface ProfileStore {
  readonly userId: string;
  readonly $state: ReadableAtom<ProfileStoreState>;
  load(): Promise<void>;
}

/** A user's profile; a hidden or unknown profile ends in `error` with code `user_not_found`. */
export const profileStore = (client: ShareStackClient, userId: string): ProfileStore =>
  perClient(client, `profile:${userId}`, () => createProfileStore(client, userId));

function createProfileStore(client: ShareStackClient, userId: string): ProfileStore {
  const $state = atom<ProfileStoreState>({ status: 'idle', profile: null, error: null });
  const store: ProfileStore = {
    userId,
    $state,
    async load() {
      $state.set({ ...$state.get(), status: 'loading' });
      try {
        $state.set({ status: 'ready', profile: await socialOf(client).profile(userId), error: null });
      } catch (error) {
        if (!isShareStackError(error)) throw error;
        $state.set({ status: 'error', profile: null, error });
      }
    },
  };
  onMount($state, () => {
    // A nanostores task, so SSR and tests can await the first load with allTasks().
    if ($state.get().status === 'idle') void task(() => store.load());
    // What the viewer saved, or may see, changes with who they are.
    return client.$session.listen(() => void store.load());
  });
  return store;
}
