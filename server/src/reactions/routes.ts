import { createRoute, z } from '@hono/zod-openapi';
import { TargetType } from '@sharestack/protocol';
import { CommentPathParams, ReactBody, ReactionBody, ReactionSummary } from '@sharestack/protocol/schemas';
import { requireViewer } from '../auth/middleware.js';
import { commonProblems, json, jsonBody, problem } from '../http/openapi.js';
import { createRouter } from '../http/router.js';
import type { ReactionsService } from './service.js';

const tags = ['reactions'];
const TargetParams = z.object({ target_type: z.enum(TargetType), target_id: z.string().min(1).max(200) });
const writeProblems = {
  ...commonProblems,
  410: problem('The comment was deleted'),
  422: problem('Reaction not in the site reaction set'),
};

export function reactionRoutes(reactions: ReactionsService) {
  const r = createRouter();

  r.openapi(
    createRoute({
      tags,
      method: 'post',
      path: '/comments/{comment_id}/like',
      summary: "React to a comment (the seed's like); another type switches",
      request: { params: CommentPathParams, ...jsonBody(ReactBody) },
      responses: { 200: json(ReactionSummary, 'The reactions after the change'), ...writeProblems },
    }),
    async (c) => {
      const viewer = requireViewer(c);
      const ref = { target_type: 'comment' as const, target_id: c.req.valid('param').comment_id };
      const { reaction_type, anonymous } = c.req.valid('json');
      return c.json(await reactions.react(c.get('site'), viewer, ref, reaction_type, anonymous), 200);
    },
  );

  r.openapi(
    createRoute({
      tags,
      method: 'delete',
      path: '/comments/{comment_id}/like',
      summary: "Remove one's reaction from a comment",
      request: { params: CommentPathParams },
      responses: { 200: json(ReactionSummary, 'The reactions after the change'), ...writeProblems },
    }),
    async (c) => {
      const viewer = requireViewer(c);
      const ref = { target_type: 'comment' as const, target_id: c.req.valid('param').comment_id };
      return c.json(await reactions.unreact(c.get('site'), viewer, ref), 200);
    },
  );

  r.openapi(
    createRoute({
      tags,
      method: 'post',
      path: '/reactions',
      summary: 'React to a content key or a comment',
      request: jsonBody(ReactionBody),
      responses: { 200: json(ReactionSummary, 'The reactions after the change'), ...writeProblems },
    }),
    async (c) => {
      const viewer = requireViewer(c);
      const { reaction_type, anonymous, ...ref } = c.req.valid('json');
      return c.json(await reactions.react(c.get('site'), viewer, ref, reaction_type, anonymous), 200);
    },
  );

  r.openapi(
    createRoute({
      tags,
      method: 'delete',
      path: '/reactions/{target_type}/{target_id}',
      request: { params: TargetParams },
      responses: { 200: json(ReactionSummary, 'The reactions after the change'), ...writeProblems },
    }),
    async (c) => {
      const viewer = requireViewer(c);
      return c.json(await reactions.unreact(c.get('site'), viewer, c.req.valid('param')), 200);
    },
  );

  r.openapi(
    createRoute({
      tags,
      method: 'get',
      path: '/reactions/{target_type}/{target_id}',
      request: { params: TargetParams },
      responses: { 200: json(ReactionSummary, "A target's reactions"), ...commonProblems },
    }),
    async (c) => c.json(await reactions.summary(c.get('site'), c.get('viewer'), c.req.valid('param')), 200),
  );

  return r;
}
