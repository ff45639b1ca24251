import { createRoute } from '@hono/zod-openapi';
import {
  ActivityList,
  Feed,
  FeedQuery,
  ListQuery,
  PrivacyBody,
  PrivacySettings,
  PublishBody,
  PublishResult,
  UserPathParams,
} from '@sharestack/protocol/schemas';
import { requireViewer } from '../auth/middleware.js';
import { commonProblems, json, jsonBody } from '../http/openapi.js';
import { createRouter } from '../http/router.js';
import type { ActivityService } from './service.js';

const tags = ['activity'];

export function activityRoutes(activity: ActivityService) {
  const r = createRouter();

  r.openapi(
    createRoute({
      tags,
      method: 'get',
      path: '/activity/feed',
      summary: 'Activities of followed users the viewer may see, newest first, grouped',
      request: { query: FeedQuery },
      responses: { 200: json(Feed, 'The personal feed'), ...commonProblems },
    }),
    async (c) => c.json(await activity.feed(c.get('site'), requireViewer(c), c.req.valid('query')), 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'get',
      path: '/activity/user/{user_id}',
      summary: "A user's timeline, as their privacy settings let the viewer see it",
      request: { params: UserPathParams, query: ListQuery },
      responses: { 200: json(ActivityList, 'The timeline'), ...commonProblems },
    }),
    async (c) =>
      c.json(
        await activity.timeline(
          c.get('site'),
          c.get('viewer'),
          c.req.valid('param').user_id,
          c.req.valid('query'),
        ),
        200,
      ),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'get',
      path: '/activity/privacy',
      summary: "The viewer's profile visibility and per-type activity visibility",
      responses: { 200: json(PrivacySettings, 'Privacy settings'), ...commonProblems },
    }),
    async (c) => c.json(await activity.privacy(c.get('site'), requireViewer(c)), 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'post',
      path: '/activity/privacy',
      summary: 'Set the visibility of one activity type (past ones too) and/or of the profile',
      request: jsonBody(PrivacyBody),
      responses: { 200: json(PrivacySettings, 'Privacy settings after the change'), ...commonProblems },
    }),
    async (c) => c.json(await activity.setPrivacy(c.get('site'), requireViewer(c), c.req.valid('json')), 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'post',
      path: '/activity/publish',
      summary: 'Publish content as its creator; followers get a creator_update',
      request: jsonBody(PublishBody),
      responses: { 201: json(PublishResult, 'Published'), ...commonProblems },
    }),
    async (c) => c.json(await activity.publish(c.get('site'), requireViewer(c), c.req.valid('json')), 201),
  );

  return r;
}
