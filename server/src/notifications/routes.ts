import { createRoute } from '@hono/zod-openapi';
import {
  ArchiveBody,
  ListNotificationsQuery,
  MarkReadBody,
  MarkReadResult,
  NotificationIdParams,
  NotificationList,
  NotificationPreferences,
  PreferencesPatch,
  UnreadCount,
  UnreadCountAnswer,
} from '@sharestack/protocol/schemas';
import { requireViewer } from '../auth/middleware.js';
import { commonProblems, json, jsonBody, problem } from '../http/openapi.js';
import { createRouter } from '../http/router.js';
import type { NotificationsService } from './service.js';

const tags = ['notifications'];

/** The seed's inbox endpoints plus archive, delete and preferences; all for the signed-in user. */
export function notificationRoutes(n: NotificationsService) {
  const r = createRouter();

  r.openapi(
    createRoute({
      tags,
      method: 'get',
      path: '/notifications',
      summary: 'The inbox, newest first; similar notifications grouped while unread',
      request: { query: ListNotificationsQuery },
      responses: { 200: json(NotificationList, 'A page of inbox items'), ...commonProblems },
    }),
    async (c) => c.json(await n.list(c.get('site'), requireViewer(c), c.req.valid('query')), 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'put',
      path: '/notifications/mark-read',
      summary: 'Mark items read (or unread), or everything (optionally of one type) read',
      request: jsonBody(MarkReadBody),
      responses: {
        200: json(MarkReadResult, 'How many changed, and the unread count now'),
        ...commonProblems,
      },
    }),
    async (c) => c.json(await n.markRead(c.get('site'), requireViewer(c), c.req.valid('json')), 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'get',
      path: '/notifications/unread-count',
      summary: 'Unread inbox items',
      responses: { 200: json(UnreadCountAnswer, 'The unread count'), ...commonProblems },
    }),
    async (c) => c.json(await n.unreadCount(c.get('site'), requireViewer(c)), 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'post',
      path: '/notifications/archive',
      summary: 'Archive items (or bring them back with archived: false)',
      request: jsonBody(ArchiveBody),
      responses: {
        200: json(MarkReadResult, 'How many changed, and the unread count now'),
        ...commonProblems,
      },
    }),
    async (c) => c.json(await n.archive(c.get('site'), requireViewer(c), c.req.valid('json')), 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'get',
      path: '/notifications/preferences',
      summary: 'Channels per type and email frequency (site defaults until changed)',
      responses: { 200: json(NotificationPreferences, 'The preferences in effect'), ...commonProblems },
    }),
    async (c) => c.json(await n.preferences(c.get('site'), requireViewer(c)), 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'put',
      path: '/notifications/preferences',
      summary: 'Change some switches or the email frequency; the rest stay as they are',
      request: jsonBody(PreferencesPatch),
      responses: { 200: json(NotificationPreferences, 'The preferences in effect'), ...commonProblems },
    }),
    async (c) => c.json(await n.updatePreferences(c.get('site'), requireViewer(c), c.req.valid('json')), 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'delete',
      path: '/notifications/{notification_id}',
      summary: 'Delete an item and the notifications in it',
      request: { params: NotificationIdParams },
      responses: {
        200: json(UnreadCount, 'The unread count now'),
        ...commonProblems,
        404: problem('No such item of yours'),
      },
    }),
    async (c) =>
      c.json(await n.remove(c.get('site'), requireViewer(c), c.req.valid('param').notification_id), 200),
  );

  return r;
}
