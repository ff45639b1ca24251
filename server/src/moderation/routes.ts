import { createRoute, z } from '@hono/zod-openapi';
import {
  AuditLog,
  AuditQuery,
  Ban,
  BanBody,
  BanList,
  BanListQuery,
  BanParams,
  BulkModerationBody,
  BulkModerationResult,
  CheckBody,
  ModerationActionBody,
  ModerationItem,
  ModerationItemParams,
  ModerationQueue,
  ModerationQueueQuery,
  ModerationVerdict,
  Report,
  ReportBody,
} from '@sharestack/protocol/schemas';
import { requireViewer } from '../auth/middleware.js';
import { commonProblems, json, jsonBody, problem } from '../http/openapi.js';
import { createRouter } from '../http/router.js';
import type { ModerationService } from './service.js';

const tags = ['moderation'];
const claimProblems = {
  ...commonProblems,
  409: problem('Claimed by another moderator, or already resolved'),
};
// A resolved item can be acted on again (a moderator changing their mind): only a lease stops it.
const actionProblems = { ...commonProblems, 409: problem('Claimed by another moderator') };
const NextItem = z.object({ item: ModerationItem.nullable() }).meta({ id: 'NextModerationItem' });

export function moderationRoutes(moderation: ModerationService) {
  const r = createRouter();

  r.openapi(
    createRoute({
      tags,
      method: 'get',
      path: '/moderation/queue',
      summary: 'The moderation queue, most pressing first (moderators)',
      request: { query: ModerationQueueQuery },
      responses: { 200: json(ModerationQueue, 'A page of queue items'), ...commonProblems },
    }),
    async (c) => c.json(await moderation.queue(c.get('site'), requireViewer(c), c.req.valid('query')), 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'post',
      path: '/moderation/queue/next',
      summary: 'Claim the most pressing unclaimed item for 30 minutes (moderators)',
      responses: {
        200: json(NextItem, 'The claimed item, or null when the queue is empty'),
        ...commonProblems,
      },
    }),
    async (c) => c.json({ item: await moderation.next(c.get('site'), requireViewer(c)) }, 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'get',
      path: '/moderation/queue/{item_id}',
      summary: 'One queue item',
      request: { params: ModerationItemParams },
      responses: { 200: json(ModerationItem, 'The item'), ...commonProblems },
    }),
    async (c) =>
      c.json(await moderation.item(c.get('site'), requireViewer(c), c.req.valid('param').item_id), 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'post',
      path: '/moderation/queue/{item_id}/claim',
      summary: 'Claim an item for 30 minutes',
      request: { params: ModerationItemParams },
      responses: { 200: json(ModerationItem, 'The claimed item'), ...claimProblems },
    }),
    async (c) =>
      c.json(await moderation.claim(c.get('site'), requireViewer(c), c.req.valid('param').item_id), 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'delete',
      path: '/moderation/queue/{item_id}/claim',
      summary: "Give back one's claim on an item",
      request: { params: ModerationItemParams },
      responses: { 200: json(ModerationItem, 'The released item'), ...commonProblems },
    }),
    async (c) =>
      c.json(await moderation.release(c.get('site'), requireViewer(c), c.req.valid('param').item_id), 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'post',
      path: '/moderation/queue/{item_id}/actions',
      summary: 'Approve, reject, mark spam, delete, ban or shadow-ban (recorded in the audit log)',
      request: { params: ModerationItemParams, ...jsonBody(ModerationActionBody) },
      responses: { 200: json(ModerationItem, 'The resolved item'), ...actionProblems },
    }),
    async (c) =>
      c.json(
        await moderation.act(
          c.get('site'),
          requireViewer(c),
          c.req.valid('param').item_id,
          c.req.valid('json'),
        ),
        200,
      ),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'post',
      path: '/moderation/actions',
      summary: 'One action on many items; each succeeds or fails on its own',
      request: jsonBody(BulkModerationBody),
      responses: { 200: json(BulkModerationResult, 'What was done and what was not'), ...commonProblems },
    }),
    async (c) => c.json(await moderation.bulk(c.get('site'), requireViewer(c), c.req.valid('json')), 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'post',
      path: '/moderation/check',
      summary: "A dry run of the pipeline on a text: scores, flags and action under the site's settings",
      request: jsonBody(CheckBody),
      responses: { 200: json(ModerationVerdict, 'The verdict'), ...commonProblems },
    }),
    async (c) => c.json(await moderation.check(c.get('site'), requireViewer(c), c.req.valid('json')), 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'post',
      path: '/moderation/reports',
      summary: 'Report a comment; enough reports hide it until a moderator reviews it',
      request: jsonBody(ReportBody),
      responses: {
        201: json(Report, 'The report'),
        ...commonProblems,
        409: problem('Already reported by this user'),
        410: problem('The comment was deleted'),
      },
    }),
    async (c) => c.json(await moderation.report(c.get('site'), requireViewer(c), c.req.valid('json')), 201),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'get',
      path: '/moderation/bans',
      summary: 'Bans and shadow-bans in force',
      request: { query: BanListQuery },
      responses: { 200: json(BanList, 'A page of bans'), ...commonProblems },
    }),
    async (c) => c.json(await moderation.bans(c.get('site'), requireViewer(c), c.req.valid('query')), 200),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'post',
      path: '/moderation/bans',
      summary: 'Ban or shadow-ban a user, optionally for a while',
      request: jsonBody(BanBody),
      responses: { 201: json(Ban, 'The ban'), ...commonProblems },
    }),
    async (c) => c.json(await moderation.ban(c.get('site'), requireViewer(c), c.req.valid('json')), 201),
  );

  r.openapi(
    createRoute({
      tags,
      method: 'delete',
      path: '/moderation/bans/{user_id}',
      summary: 'Lift a ban',
      request: { params: BanParams },
      responses: { 204: { description: 'Lifted' }, ...commonProblems },
    }),
    async (c) => {
      await moderation.unban(c.get('site'), requireViewer(c), c.req.valid('param').user_id);
      return c.body(null, 204);
    },
  );

  r.openapi(
    createRoute({
      tags,
      method: 'get',
      path: '/moderation/log',
      summary: 'The audit log: who did what, newest first',
      request: { query: AuditQuery },
      responses: { 200: json(AuditLog, 'A page of entries'), ...commonProblems },
    }),
    async (c) => c.json(await moderation.log(c.get('site'), requireViewer(c), c.req.valid('query')), 200),
  );

  return r;
}
