/**
 * An in-memory ShareStack for the social stories: answers the SDK's social and activity calls
 * in the real wire format, and keeps one story's follows, bookmarks and shares until it reloads.
 */

import {
  SsActivityFeed,
  SsBookmarkButton,
  SsFollowButton,
  SsProfileCard,
  SsShareButton,
} from '@sharestack/elements';
import type {
  Activity,
  Bookmark,
  CreateBookmarkBody,
  FeedEntry,
  FollowStatus,
  Profile,
  ShareBody,
  ShareSummary,
  Viewer,
} from '@sharestack/protocol';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE } from '@sharestack/protocol';
import { createClient, type ShareStackClient } from '@sharestack/sdk';
import { scriptedRealtime, VIEWER } from '../fixtures/index.js';

// The embed's define module registers these once the lead adds them to it; until then the
// stories register them here (a no-op afterwards).
for (const [tag, ctor] of [
  ['ss-follow-button', SsFollowButton],
  ['ss-bookmark-button', SsBookmarkButton],
  ['ss-share-button', SsShareButton],
  ['ss-profile-card', SsProfileCard],
  ['ss-activity-feed', SsActivityFeed],
] as const) {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}

export interface SocialFixture {
  viewer?: Viewer | null;
  /** Profiles by user id; absent ids answer `user_not_found`. */
  profiles?: Record<string, Profile>;
  following?: string[];
  bookmarks?: Bookmark[];
  shares?: Record<string, ShareSummary>;
  feed?: FeedEntry[];
  timelines?: Record<string, Activity[]>;
  /** Requests never settle: loading states. */
  hang?: boolean;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const problem = (status: number, code: string, title: string) =>
  new Response(JSON.stringify({ type: `${PROBLEM_TYPE_BASE}${code}`, title, status, code }), {
    status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE },
  });

export function socialClient(f: SocialFixture = {}): ShareStackClient {
  const viewer = f.viewer === undefined ? VIEWER : f.viewer;
  const following = new Set(f.following ?? []);
  const profiles = structuredClone(f.profiles ?? {});
  const bookmarks = new Map((f.bookmarks ?? []).map((b) => [b.content_id, b]));
  const shares = structuredClone(f.shares ?? {});
  const status = (id: string): FollowStatus => ({
    user_id: id,
    is_following: following.has(id),
    follower_count: profiles[id]?.stats.followers ?? 0,
    following_count: profiles[id]?.stats.following ?? 0,
  });
  const collections = () => {
    const counts = new Map<string, number>();
    for (const b of bookmarks.values())
      counts.set(b.collection_name, (counts.get(b.collection_name) ?? 0) + 1);
    return {
      items: [...counts].map(([collection_name, count]) => ({ collection_name, count })),
      next_cursor: null,
    };
  };

  const answer = async (method: string, path: string, body: unknown): Promise<Response> => {
    const param = (re: RegExp): string | null => {
      const m = path.match(re);
      return m ? decodeURIComponent(m[1]!) : null;
    };
    if (path === 'me') return viewer ? json(viewer) : problem(401, 'unauthorized', 'Sign in');
    const profileId = param(/^social\/profile\/([^/]+)\/$/);
    if (profileId !== null) {
      const p = profiles[profileId];
      return p
        ? json({ ...p, is_following: following.has(p.id) })
        : problem(404, 'user_not_found', 'User not found');
    }
    const followId = param(/^social\/follow\/([^/]+)\/$/);
    if (followId !== null) {
      const id = followId;
      if (method === 'DELETE' && following.delete(id) && profiles[id]) profiles[id].stats.followers--;
      return json(status(id));
    }
    if (path === 'social/follow/' && method === 'POST') {
      const id = (body as { user_id: string }).user_id;
      if (!viewer) return problem(401, 'unauthorized', 'Sign in');
      if (!following.has(id) && profiles[id]) profiles[id].stats.followers++;
      following.add(id);
      return json(status(id));
    }
    if (path === 'social/bookmarks/collections/') return json(collections());
    const bookmarkKey = param(/^social\/bookmark\/([^/]+)\/$/);
    if (bookmarkKey !== null) {
      const key = bookmarkKey;
      if (method === 'DELETE') bookmarks.delete(key);
      return json({ content_id: key, bookmark: bookmarks.get(key) ?? null });
    }
    if (path === 'social/bookmark/' && method === 'POST') {
      const b = body as CreateBookmarkBody;
      const now = new Date().toISOString();
      const prev = bookmarks.get(b.content_id);
      const saved: Bookmark = {
        id: prev?.id ?? String(bookmarks.size + 1),
        user_id: viewer?.id ?? '',
        content_id: b.content_id,
        collection_name: b.collection_name ?? prev?.collection_name ?? 'default',
        notes: b.notes !== undefined ? b.notes : (prev?.notes ?? null),
        content_title: b.content_title ?? prev?.content_title ?? null,
        content_url: b.content_url ?? prev?.content_url ?? null,
        created_at: prev?.created_at ?? now,
        updated_at: now,
      };
      bookmarks.set(b.content_id, saved);
      return json(saved, prev ? 200 : 201);
    }
    const sharesKey = param(/^social\/shares\/([^/]+)\/$/);
    if (sharesKey !== null) {
      const key = sharesKey;
      return json(shares[key] ?? { content_id: key, share_count: 0, channels: {}, share_url: null });
    }
    if (path === 'social/share/') {
      const b = body as ShareBody;
      shares[b.content_id] ??= { content_id: b.content_id, share_count: 0, channels: {}, share_url: null };
      const s = shares[b.content_id]!;
      s.share_count++;
      s.channels[b.channel] = (s.channels[b.channel] ?? 0) + 1;
      s.share_url ??= b.content_url ?? null;
      return json(s, 201);
    }
    if (path === 'activity/feed/') return json({ items: f.feed ?? [], next_cursor: null });
    const timelineId = param(/^activity\/user\/([^/]+)\/$/);
    if (timelineId !== null) {
      const items = f.timelines?.[timelineId];
      return items ? json({ items, next_cursor: null }) : problem(404, 'user_not_found', 'User not found');
    }
    return problem(404, 'not_found', `No fixture for ${method} ${path}`);
  };

  return createClient({
    baseUrl: 'https://social.example.test',
    site: 'storybook',
    token: viewer ? 'fixture-token' : null,
    // No socket: live counts and feeds would try to reach the fixture's host.
    realtime: scriptedRealtime(),
    ...(f.hang ? { timeout: 2_147_483_647 } : {}),
    fetch: async (input, init) => {
      if (f.hang) return new Promise<Response>(() => {});
      const url = new URL(input instanceof Request ? input.url : String(input));
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      return answer(init?.method ?? 'GET', url.pathname.replace(/^\/api\//, ''), body);
    },
  });
}

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

export const PEOPLE = {
  grace: { id: 'grace', name: 'Grace Hopper', avatar_url: null },
  alan: { id: 'alan', name: 'Alan Turing', avatar_url: null },
  edsger: { id: 'edsger', name: 'Edsger Dijkstra', avatar_url: null },
  barbara: { id: 'barbara', name: 'Barbara Liskov', avatar_url: null },
};

export const GRACE_PROFILE: Profile = {
  ...PEOPLE.grace,
  is_guest: false,
  profile_visibility: 'public',
  stats: { followers: 1280, following: 87, comments: 342, reactions_received: 5120 },
  is_following: false,
  follows_you: true,
  is_blocked: false,
  is_self: false,
  created_at: '2024-03-09T10:00:00.000Z',
};

const post = {
  target_type: 'content' as const,
  target_id: 'cobol',
  title: 'Why COBOL still matters',
  url: 'https://example.com/cobol',
};

export const FEED: FeedEntry[] = [
  {
    id: '9',
    activity_type: 'published',
    kind: 'creator_update',
    target_type: 'content',
    target_id: 'cobol',
    target: post,
    actors: [PEOPLE.grace],
    actor_count: 1,
    activity_ids: ['9'],
    created_at: ago(4),
  },
  {
    id: '8',
    activity_type: 'liked',
    kind: 'activity',
    target_type: 'content',
    target_id: 'cobol',
    target: post,
    actors: [PEOPLE.alan, PEOPLE.edsger, PEOPLE.barbara],
    actor_count: 4,
    activity_ids: ['8', '7', '6', '5'],
    created_at: ago(35),
  },
  {
    id: '4',
    activity_type: 'followed',
    kind: 'activity',
    target_type: 'user',
    target_id: 'grace',
    target: { target_type: 'user', target_id: 'grace', title: 'Grace Hopper', url: null },
    actors: [PEOPLE.barbara],
    actor_count: 1,
    activity_ids: ['4'],
    created_at: ago(60 * 26),
  },
];

export const GRACE_TIMELINE: Activity[] = [
  {
    id: '9',
    user_id: 'grace',
    activity_type: 'published',
    target_type: 'content',
    target_id: 'cobol',
    visibility: 'public',
    created_at: ago(4),
    actor: PEOPLE.grace,
    target: post,
  },
  {
    id: '3',
    user_id: 'grace',
    activity_type: 'commented',
    target_type: 'content',
    target_id: 'compilers',
    visibility: 'public',
    created_at: ago(60 * 50),
    actor: PEOPLE.grace,
    target: { target_type: 'content', target_id: 'compilers', title: 'The first compiler', url: null },
  },
];
