import { createRoute } from '@hono/zod-openapi';
import {
  Comment,
  CommentPathParams,
  CommentThread,
  ContentPathParams,
  CreateCommentBody,
  DeleteCommentResult,
  ListCommentsQuery,
  UpdateCommentBody,
} from '@sharestack/protocol/schemas';
import { requireViewer } from '../auth/middleware.js';
import { commonProblems, json, jsonBody, problem } from '../http/openapi.js';
import { createRouter } from '../http/router.js';
import type { CommentsService } from './service.js';

const tags = ['comments'];
/** Smaller pages are not worth a compression header. */
const GZIP_MIN_BYTES = 1024;
const writeProblems = {
  ...commonProblems,
  410: problem('The comment was deleted'),
  422: problem('Not possible here (depth, parent, length)'),
};

export function commentRoutes(comments: CommentsService) {
  const r = createRouter();

  r.openapi(
    createRoute({
      tags,
      method: 'get',
      path: '/comments/{content_id}',
      summary: 'A page of top-level comments with their replies',
      request: { params: ContentPathParams, query: ListCommentsQuery },
      responses: { 200: json(CommentThread, 'The thread'), ...commonProblems },
    }),
    async (c) => {
      const { content_id } = c.req.valid('param');
      const page = await comments.listPage(c.get('site'), c.get('viewer'), content_id, c.req.valid('query'));
      // Already serialised (and possibly cached with its gzip form); the route still documents the shape.
      c.header('Content-Type', 'application/json');
      c.header('Vary', 'Accept-Encoding', { append: true });
      if (page.json.length >= GZIP_MIN_BYTES && /\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '')) {
        c.header('Content-Encoding', 'gzip');
        return c.body(page.gzip() as Uint8Array<ArrayBuffer>, 200) as never;
      }
      return c.body(page.json, 200) as never;
    },
  );

  r.openapi(
    createRoute({
      tags,
      method: 'post',
      path: '/comments',
      summary: 'Comment or reply; the content appears on first use',
      request: jsonBody(CreateCommentBody),
      responses: { 201: json(Comment, 'The new comment'), ...writeProblems },
    }),
    async (c) => {
      const viewer = requireViewer(c);
      return c.json(await comments.create(c.get('site'), viewer, c.req.valid('json')), 201);
    },
  );

  r.openapi(
    createRoute({
      tags,
      method: 'put',
      path: '/comments/{comment_id}',
      summary: "Edit one's own comment within the site's edit window",
      request: { params: CommentPathParams, ...jsonBody(UpdateCommentBody) },
      responses: { 200: json(Comment, 'The edited comment'), ...writeProblems },
    }),
    async (c) => {
      const viewer = requireViewer(c);
      const { comment_id } = c.req.valid('param');
      return c.json(await comments.edit(c.get('site'), viewer, comment_id, c.req.valid('json')), 200);
    },
  );

  r.openapi(
    createRoute({
      tags,
      method: 'delete',
      path: '/comments/{comment_id}',
      summary: 'Delete (author or moderator); a comment with replies stays as a tombstone',
      request: { params: CommentPathParams },
      responses: { 200: json(DeleteCommentResult, 'What happened'), ...writeProblems },
    }),
    async (c) => {
      const viewer = requireViewer(c);
      return c.json(await comments.remove(c.get('site'), viewer, c.req.valid('param').comment_id), 200);
    },
  );

  return r;
}
