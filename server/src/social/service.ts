import type { Events } from '../events.js';
import type { Store } from '../store/database.js';
import { createBlocks } from './blocks.js';
import { createBookmarks } from './bookmarks.js';
import { createFollows } from './follows.js';
import { createProfiles } from './profile.js';
import type { SocialOptions } from './shared.js';
import { createShares } from './shares.js';

/** The Social service: follows, blocks, bookmarks, shares and profiles. */
export function createSocialService(store: Store, events: Events, opts: SocialOptions = {}) {
  return {
    follows: createFollows(store, events, opts),
    blocks: createBlocks(store, events, opts),
    bookmarks: createBookmarks(store, events, opts),
    shares: createShares(store, events),
    profiles: createProfiles(store),
  };
}

export type SocialService = ReturnType<typeof createSocialService>;
