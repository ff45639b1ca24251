import { createRoute } from '@hono/zod-openapi';
import { AccountDeletionResult, PrivacyExport } from '@sharestack/protocol/schemas';
import { requireViewer } from '../auth/middleware.js';
import { commonProblems, json } from '../http/openapi.js';
import { createRouter } from '../http/router.js';
import type { PrivacyService } from './service.js';

const tags = ['privacy'];

export function privacyRoutes(privacy: PrivacyService) {
  const r = createRouter();

  r.openapi(
    createRoute({
      tags,
      method: 'get',
      path: '/privacy/export',
      summary: 'Everything the signed-in user did on this site, as JSON and as ActivityStreams 2.0',
      responses: { 200: json(PrivacyExport, 'The export'), ...commonProblems },
    }),
    async (c) => {
      const data = await privacy.export(c.get('site'), requireViewer(c));
      c.header('Content-Disposition', 'attachment; filename="sharestack-export.json"');
      return c.json(data, 200);
    },
  );

  r.openapi(
    createRoute({
      tags,
      method: 'delete',
      path: '/privacy/account',
      summary:
        "Delete the signed-in user's data on this site (comments with replies stay as authorless tombstones)",
      responses: { 200: json(AccountDeletionResult, 'What was removed'), ...commonProblems },
    }),
    async (c) => c.json(await privacy.deleteAccount(c.get('site'), requireViewer(c)), 200),
  );

  return r;
}
