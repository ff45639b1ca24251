import { createRoute, z } from '@hono/zod-openapi';
import { ErrorCode, type NotificationType, SITE_QUERY } from '@sharestack/protocol';
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.js';
import { escapeHtml } from '../http/escape.js';
import { problem } from '../http/openapi.js';
import { ProblemError } from '../http/problem.js';
import { createRouter } from '../http/router.js';
import type { SiteRecord, SitesService } from '../sites/service.js';
import {
  type UnsubscribeClaims,
  type UnsubscribeScope,
  unverifiedSiteOf,
  verifyUnsubscribe,
} from './unsubscribe.js';

/**
 * One-click unsubscribe (RFC 8058). The signed token is the authority: no Authorization needed.
 * GET only shows what would be turned off (mail scanners fetch links); POST applies, either with
 * the `List-Unsubscribe=One-Click` body a mail client sends or from the page's own form.
 *
 * The page's form posts back to the same URL, so the browser sends this server's Origin: mount
 * these routes where the tenant middleware's origin check does not apply (the factory finds the
 * site itself, from `c.get('site')` when set or from the `site` query / the token otherwise).
 */
export interface UnsubscribeRoutesDeps {
  sites: Pick<SitesService, 'get'>;
  /** Turns email of `type` off for the user, or email altogether for `all`. Idempotent. */
  apply(siteId: string, userId: string, type: UnsubscribeScope): Promise<void>;
}

const PATH = '/notifications/unsubscribe';

const Query = z.object({
  site: z.string().max(64).optional(),
  token: z.string().max(2048).optional(),
});

const WHAT: Record<NotificationType, string> = {
  follow: 'email about new followers',
  like: 'email about likes of your posts and comments',
  comment: 'email about comments on your posts',
  reply: 'email about replies to your comments',
  mention: 'email about mentions of you',
  content_update: 'email about new posts from creators you follow',
};

function describe(type: UnsubscribeScope): string {
  return type === 'all' ? 'all notification email' : WHAT[type];
}

const invalid = () =>
  new ProblemError(
    400,
    ErrorCode.UnsubscribeLinkInvalid,
    'This unsubscribe link is not valid. Open the link from the email again, or change your notification settings on the site.',
  );

async function claimsOf(
  c: Context<AppEnv>,
  deps: UnsubscribeRoutesDeps,
): Promise<{ site: SiteRecord; claims: UnsubscribeClaims }> {
  const token = c.req.query('token');
  if (!token) throw invalid();
  const siteId = c.req.query(SITE_QUERY)?.trim() || unverifiedSiteOf(token);
  if (!siteId || siteId.length > 64) throw invalid();
  const known = (c.get('site') as SiteRecord | undefined) ?? null;
  const site = known?.id === siteId ? known : await deps.sites.get(siteId);
  if (!site) throw invalid();
  const claims = verifyUnsubscribe(site.secret, token);
  if (!claims || claims.siteId !== site.id) throw invalid();
  return { site, claims };
}

function securePage(c: Context<AppEnv>) {
  // The page carries a token in its URL: no scripts, no referrer, no framing, no indexing.
  c.header(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Robots-Tag', 'noindex');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Cache-Control', 'no-store');
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#18181b;line-height:1.5}button{font:inherit;padding:.5rem 1rem;border-radius:.375rem;border:1px solid #2563eb;background:#2563eb;color:#fff;cursor:pointer}</style>
</head><body>
${body}
</body></html>`;
}

export function unsubscribeRoutes(deps: UnsubscribeRoutesDeps) {
  // A link is good or it is not: a malformed one is refused like a tampered one.
  const r = createRouter({ invalid });
  const tags = ['notifications'];
  const problems = { 400: problem('Invalid or tampered link (`unsubscribe_link_invalid`)') };

  r.openapi(
    createRoute({
      tags,
      method: 'get',
      path: PATH,
      summary: 'The page an unsubscribe link opens: says what will be turned off; changes nothing',
      security: [],
      request: { query: Query },
      responses: {
        200: {
          content: { 'text/html': { schema: z.string() } },
          description: 'A page with a confirm button',
        },
        ...problems,
      },
    }),
    async (c) => {
      const { site, claims } = await claimsOf(c, deps);
      securePage(c);
      const what = describe(claims.type);
      const action = `?${new URLSearchParams({ [SITE_QUERY]: site.id, token: c.req.query('token') ?? '' })}`;
      const html = page(
        `Unsubscribe from ${site.name}`,
        `<h1>Unsubscribe</h1>
<p>Turn off ${escapeHtml(what)} from <strong>${escapeHtml(site.name)}</strong>?</p>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="confirm" value="yes">
<button type="submit">Turn off ${escapeHtml(what)}</button>
</form>
<p>You can turn notifications back on at any time in your notification settings on the site.</p>`,
      );
      return c.html(html, 200);
    },
  );

  r.openapi(
    createRoute({
      tags,
      method: 'post',
      path: PATH,
      summary: 'Apply an unsubscribe link: `List-Unsubscribe=One-Click` (RFC 8058) or the page form',
      security: [],
      request: {
        query: Query,
        body: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: z.object({
                'List-Unsubscribe': z.literal('One-Click').optional(),
                confirm: z.string().optional(),
              }),
            },
          },
        },
      },
      responses: {
        200: {
          content: { 'text/plain': { schema: z.string() }, 'text/html': { schema: z.string() } },
          description: 'Unsubscribed (plain text for one-click, a page for the form)',
        },
        ...problems,
      },
    }),
    async (c) => {
      const { site, claims } = await claimsOf(c, deps);
      const form = await readForm(c);
      const oneClick = form.get('List-Unsubscribe') === 'One-Click';
      const confirmed = form.get('confirm') === 'yes';
      if (!oneClick && !confirmed) {
        throw new ProblemError(
          400,
          ErrorCode.ValidationFailed,
          'Send List-Unsubscribe=One-Click (form-encoded) to unsubscribe.',
          [{ path: 'List-Unsubscribe', message: 'must be One-Click' }],
        );
      }
      await deps.apply(site.id, claims.userId, claims.type);
      const what = describe(claims.type);
      if (oneClick) {
        c.header('Cache-Control', 'no-store');
        return c.text(`Unsubscribed: ${what} from ${site.name} is off.`, 200);
      }
      securePage(c);
      return c.html(
        page(
          `Unsubscribed from ${site.name}`,
          `<h1>Unsubscribed</h1>
<p>${escapeHtml(capitalise(what))} from <strong>${escapeHtml(site.name)}</strong> is now off.</p>
<p>You can turn it back on at any time in your notification settings on the site.</p>`,
        ),
        200,
      );
    },
  );

  return r;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Form-encoded or multipart (RFC 8058 allows both); anything unreadable is a 400. */
async function readForm(c: Context<AppEnv>): Promise<Map<string, string>> {
  const type = c.req.header('Content-Type')?.toLowerCase() ?? '';
  const out = new Map<string, string>();
  try {
    if (type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')) {
      const body = await c.req.parseBody();
      for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out.set(k, v.trim());
      return out;
    }
    // Some clients omit the type; read the body as form-encoded text.
    const text = await c.req.text();
    for (const [k, v] of new URLSearchParams(text)) out.set(k, v.trim());
    return out;
  } catch {
    throw new ProblemError(400, ErrorCode.BadRequest, 'The request body is not a readable form.');
  }
}
