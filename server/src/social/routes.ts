import { createRoute } from '@hono/zod-openapi';
import {
  BlockBody,
  BlockStatus,
  Bookmark,
  BookmarkCollectionList,
  BookmarkList,
  BookmarkStatus,
  ContentKeyParams,
  CreateBookmarkBody,
  FollowBody,
  FollowStatus,
  ListBookmarksQuery,
  ListQuery,
  Profile,
  ShareBody,
  ShareSummary,
  SocialUserList,
  UpdateBookmarkBody,
  UserPathParams,
} from '@sharestack/protocol/schemas';
import { requireViewer } from '../auth/middleware.js';
import { commonProblems, json, jsonBody, problem } from '../http/openapi.js';
import { createRouter } from '../http/router.js';
import type { SocialService } from './service.js';

const tags = ['social'];
const writeProblems = { ...commonProblems, 422: problem('Not possible (self-follow, self-block)') };

export function socialRoutes(social: SocialService) {
  const r = createRouter();
  const { follows, blocks, bookmarks, shares, profiles } = social;

  r.openapi(
    createRoute({
      tags,
      method: 'post',
      path: '/social/follow',
      summary: 'Follow a user (or a creator); following twice changes nothing',
      request: jsonBody(FollowBody),
      responses: { 200: json(FollowStatus, 'The relation after the change'), ...writeProblems },
    }),
    async (c) => {
      const viewer = requireViewer(c);
      return c.json(await follows.follow(c.get('site'), viewer, c.req.valid('json').user_id), 200);
    },
  );

  r.openapi(
    createRoute({
      tags,
      method: 'delete',
      path: '/social/follow/{user_id}',
      summary: 'Unfollow; unfollowing twice changes nothing',
      request: { params: UserPathParams },
      responses: { 200: json(FollowStatus, 'The relation after the change'), ...commonProblems },
    }),
    async (c) => {
      const viewer = requireViewer(c);
      return c.json(await follows.unfollow(c.get('site'), viewer, c.req.valid('param').user_id), 200);
    },
  );

  r.openapi(
    createRoute({
      tags,
      method: 'get',
      path: '/social/follow/{user_id}',
      summary: 'Whether the viewer follows the user, and their exact counts',
      request: { params: UserPathParams },
      responses: { 200: json(FollowStatus, 'The relation'), ...commonProblems },
    }),
    async (c) =>
      c.json(await follows.status(c.get('site'), c.get('viewer'), c.req.valid('param').user_id), 200),
  );

  for (const side of ['followers', 'following'] as const) {
    r.openapi(
      createRoute({
        tags,
        method: 'get',
        path: `/social/${side}/{user_id}`,
        summary: `A user's ${side}, newest first, each telling whether the viewer follows them`,
        request: { params: UserPathParams, query: ListQuery },
        responses: { 200: json(SocialUserList, `The ${side}`), ...commonProblems },
      }),
      async (c) =>
        c.json(
          await follows[side](
            c.get('site'),
            c.get('viewer'),
            c.req.valid('param').user_id,
            c.req.valid('query'),
          ),
          200,
        ),
    );
  }

  r.openapi(
    createRoute({
      tags,
      method: 'post',
      path: '/social/block',
      summary: 'Block a user: follows end, their comments hide, they cannot follow, reply or mention',
      request: jsonBody(BlockBody),
      responses: { 200: json(BlockStatus, 'Blocked'), ...writeProblems },
    }),
    async (c) => {
      const viewer = requireViewer(c);
      return c.json(await blocks.block(c.get('site'), viewer, c.req.valid('json').user_id), 200);
    },
  );

  r.openapi(
    createRoute({
      tags,
      method: 'delete',
      path: '/social/block/{user_id}',
      summary: 'Unblock a user',
      request: { params: UserPathParams },
      responses: { 200: json(BlockStatus, 'Not blocked'), ...commonProblems },
    }),
    async (c) => {
      const viewer = requireViewer(c);
      return c.json(await blocks.unblock(c.get('site'), viewer, c.req.valid('param').user_id), 200);
    },
  );

  r.openapi(
    createRoute({
      tags,
      method: 'get',
      path: '/social/blocks',
      summary: 'Whom the viewer blocks, newest first',
      request: { query: ListQuery },
      responses: { 200: json(SocialUserList, 'Blocked users'), ...commonProblems },
    }),
    async (c) => c.json(await blocks.list(c.get('site'), requireViewer(c), c.req.valid('query')), 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'post',
      path: '/social/bookmark',
      summary: 'Bookmark content (201), or update the existing bookmark (200)',
      request: jsonBody(CreateBookmarkBody),
      responses: {
        201: json(Bookmark, 'The new bookmark'),
        200: json(Bookmark, 'The updated bookmark'),
        ...commonProblems,
      },
    }),
    async (c) => {
      const viewer = requireViewer(c);
      const { bookmark, created } = await bookmarks.save(c.get('site'), viewer, c.req.valid('json'));
      return created ? c.json(bookmark, 201) : c.json(bookmark, 200);
    },
  );

  r.openapi(
    createRoute({
      tags,
      method: 'get',
      path: '/social/bookmark/{content_id}',
      summary: "The viewer's bookmark of a content key, if any",
      request: { params: ContentKeyParams },
      responses: { 200: json(BookmarkStatus, 'The bookmark or null'), ...commonProblems },
    }),
    async (c) =>
      c.json(await bookmarks.get(c.get('site'), requireViewer(c), c.req.valid('param').content_id), 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'patch',
      path: '/social/bookmark/{content_id}',
      summary: 'Move a bookmark to another collection and/or edit its notes',
      request: { params: ContentKeyParams, ...jsonBody(UpdateBookmarkBody) },
      responses: { 200: json(Bookmark, 'The bookmark'), ...commonProblems },
    }),
    async (c) => {
      const viewer = requireViewer(c);
      const { content_id } = c.req.valid('param');
      return c.json(await bookmarks.update(c.get('site'), viewer, content_id, c.req.valid('json')), 200);
    },
  );

  r.openapi(
    createRoute({
      tags,
      method: 'delete',
      path: '/social/bookmark/{content_id}',
      summary: 'Remove a bookmark; removing twice changes nothing',
      request: { params: ContentKeyParams },
      responses: { 200: json(BookmarkStatus, 'No bookmark any more'), ...commonProblems },
    }),
    async (c) =>
      c.json(await bookmarks.remove(c.get('site'), requireViewer(c), c.req.valid('param').content_id), 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'get',
      path: '/social/bookmarks',
      summary: "The viewer's bookmarks, newest first, optionally of one collection",
      request: { query: ListBookmarksQuery },
      responses: { 200: json(BookmarkList, 'Bookmarks'), ...commonProblems },
    }),
    async (c) => c.json(await bookmarks.list(c.get('site'), requireViewer(c), c.req.valid('query')), 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'get',
      path: '/social/bookmarks/collections',
      summary: "The viewer's bookmark collections with their counts",
      responses: { 200: json(BookmarkCollectionList, 'Collections'), ...commonProblems },
    }),
    async (c) => c.json(await bookmarks.collections(c.get('site'), requireViewer(c)), 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'post',
      path: '/social/share',
      summary: 'Record a share of a content key through a channel (anonymous readers too)',
      request: jsonBody(ShareBody),
      responses: { 201: json(ShareSummary, 'Share counts after the share'), ...commonProblems },
    }),
    async (c) => c.json(await shares.record(c.get('site'), c.get('viewer'), c.req.valid('json')), 201),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'get',
      path: '/social/shares/{content_id}',
      summary: 'Share counts of a content key, per channel, and its share link',
      request: { params: ContentKeyParams },
      responses: { 200: json(ShareSummary, 'Share counts'), ...commonProblems },
    }),
    async (c) => c.json(await shares.summary(c.get('site'), c.req.valid('param').content_id), 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'get',
      path: '/social/profile/{user_id}',
      summary: "A user's profile and stats, as far as their profile visibility lets the viewer see",
      request: { params: UserPathParams },
      responses: { 200: json(Profile, 'The profile'), ...commonProblems },
    }),
    async (c) =>
      c.json(await profiles.get(c.get('site'), c.get('viewer'), c.req.valid('param').user_id), 200),
  );

  return r;
}
