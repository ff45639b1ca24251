import { ErrorCode, SITE_HEADER, SITE_QUERY } from '@sharestack/protocol';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/env.js';
import { ProblemError } from '../http/problem.js';
import type { SiteRecord, SitesService } from './service.js';

const ALLOW_HEADERS = `Authorization, Content-Type, ${SITE_HEADER}`;
const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const EXPOSE_HEADERS = 'Allow, Retry-After, WWW-Authenticate';

function siteIdOf(c: Context): string | null {
  return c.req.header(SITE_HEADER)?.trim() || c.req.query(SITE_QUERY)?.trim() || null;
}

export function originAllowed(site: SiteRecord, origin: string): boolean {
  return site.origins.includes('*') || site.origins.includes(origin);
}

function setCors(c: Context, origin: string) {
  c.header('Access-Control-Allow-Origin', origin);
  c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
  c.header('Vary', 'Origin', { append: true });
}

/**
 * Names the tenant of a request and applies its CORS policy. A request without Origin
 * (server to server) is not a browser and needs no CORS decision.
 */
export function tenant(
  sites: SitesService,
  opts: { fallbackSiteId?: string } = {},
): MiddlewareHandler<AppEnv> {
  return async function tenantMiddleware(c, next) {
    const origin = c.req.header('Origin');
    const id = siteIdOf(c) ?? opts.fallbackSiteId ?? null;

    if (c.req.method === 'OPTIONS') {
      // Preflights never carry the site header's value, so only a `site` query can be checked here;
      // the real request is checked again below.
      const site = id ? await sites.get(id) : null;
      if (origin && site && !originAllowed(site, origin)) throw originProblem(origin, site.id);
      if (origin) setCors(c, origin);
      c.header('Access-Control-Allow-Methods', ALLOW_METHODS);
      c.header('Access-Control-Allow-Headers', ALLOW_HEADERS);
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }

    // Set before the site is known so that even a site_required problem is readable by the page.
    if (origin) setCors(c, origin);
    if (!id) {
      throw new ProblemError(
        400,
        ErrorCode.SiteRequired,
        `Name the site with the ${SITE_HEADER} header or the ${SITE_QUERY} query parameter.`,
      );
    }
    const site = await sites.get(id);
    if (!site) throw new ProblemError(404, ErrorCode.SiteNotFound, `There is no site "${id.slice(0, 64)}".`);
    if (origin && !originAllowed(site, origin)) {
      c.header('Access-Control-Allow-Origin', undefined);
      throw originProblem(origin, site.id);
    }
    c.set('site', site);
    await next();
  };
}

function originProblem(origin: string, siteId: string) {
  return new ProblemError(
    403,
    ErrorCode.OriginNotAllowed,
    `Origin ${origin.slice(0, 300)} is not allowed for site ${siteId}; add it to the site's origins.`,
  );
}
