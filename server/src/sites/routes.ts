import { createRoute, z } from '@hono/zod-openapi';
import { ErrorCode } from '@sharestack/protocol';
import {
  CreateSiteBody,
  PublicSiteConfig,
  Site,
  SiteWithSecret,
  UpdateSiteBody,
} from '@sharestack/protocol/schemas';
import { commonProblems, json, jsonBody } from '../http/openapi.js';
import { notFound } from '../http/problem.js';
import { createRouter } from '../http/router.js';
import { requireAdmin } from './admin-auth.js';
import { type SiteRecord, type SitesService, toSite, toSiteWithSecret } from './service.js';

const IdParams = z.object({ id: z.string().max(64) });
const admin = { tags: ['admin'], security: [{ adminKey: [] }] };

function found(site: SiteRecord | null): SiteRecord {
  if (!site) throw notFound(ErrorCode.SiteNotFound, 'There is no such site.');
  return site;
}

/** Server-to-server administration of sites, authenticated by the admin key. */
export function adminSiteRoutes(sites: SitesService, adminKey: string) {
  const r = createRouter();
  const middleware = [requireAdmin(adminKey)];

  r.openapi(
    createRoute({
      ...admin,
      method: 'post',
      path: '/sites',
      middleware,
      request: jsonBody(CreateSiteBody),
      responses: { 201: json(SiteWithSecret, 'The new site and its signing secret'), ...commonProblems },
    }),
    async (c) => c.json(toSiteWithSecret(await sites.create(c.req.valid('json'))), 201),
  );

  r.openapi(
    createRoute({
      ...admin,
      method: 'get',
      path: '/sites',
      middleware,
      responses: { 200: json(z.object({ items: z.array(Site) }), 'Every site'), ...commonProblems },
    }),
    async (c) => c.json({ items: (await sites.list()).map(toSite) }, 200),
  );

  r.openapi(
    createRoute({
      ...admin,
      method: 'get',
      path: '/sites/{id}',
      middleware,
      request: { params: IdParams },
      responses: { 200: json(SiteWithSecret, 'The site'), ...commonProblems },
    }),
    async (c) => c.json(toSiteWithSecret(found(await sites.get(c.req.valid('param').id))), 200),
  );

  r.openapi(
    createRoute({
      ...admin,
      method: 'patch',
      path: '/sites/{id}',
      middleware,
      request: { params: IdParams, ...jsonBody(UpdateSiteBody) },
      responses: { 200: json(Site, 'The updated site'), ...commonProblems },
    }),
    async (c) => {
      const site = found(await sites.update(c.req.valid('param').id, c.req.valid('json')));
      return c.json(toSite(site), 200);
    },
  );

  r.openapi(
    createRoute({
      ...admin,
      method: 'delete',
      path: '/sites/{id}',
      middleware,
      request: { params: IdParams },
      responses: { 204: { description: 'Deleted with all its data' }, ...commonProblems },
    }),
    async (c) => {
      if (!(await sites.remove(c.req.valid('param').id))) found(null);
      return c.body(null, 204);
    },
  );

  r.openapi(
    createRoute({
      ...admin,
      method: 'post',
      path: '/sites/{id}/rotate-secret',
      middleware,
      request: { params: IdParams },
      responses: {
        200: json(SiteWithSecret, 'The site with its new secret; old tokens stop working'),
        ...commonProblems,
      },
    }),
    async (c) => c.json(toSiteWithSecret(found(await sites.rotateSecret(c.req.valid('param').id))), 200),
  );

  return r;
}

export function publicSiteRoutes() {
  const r = createRouter();
  r.openapi(
    createRoute({
      tags: ['sites'],
      method: 'get',
      path: '/site',
      responses: { 200: json(PublicSiteConfig, "The site's public settings"), ...commonProblems },
    }),
    (c) => {
      const { id, name, settings: s } = c.get('site');
      return c.json(
        {
          id,
          name,
          allow_guests: s.allow_guests,
          edit_window_seconds: s.edit_window_seconds,
          max_depth: s.max_depth,
          reaction_set: s.reaction_set,
          comment_max_length: s.comment_max_length,
        },
        200,
      );
    },
  );
  return r;
}
