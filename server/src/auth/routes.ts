import { randomUUID } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { ErrorCode } from '@sharestack/protocol';
import { DevTokenBody, GuestTokenBody, TokenResponse, Viewer } from '@sharestack/protocol/schemas';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/env.js';
import { commonProblems, json, jsonBody } from '../http/openapi.js';
import { forbidden } from '../http/problem.js';
import { createRouter } from '../http/router.js';
import { DEMO_SITE_ID } from '../sites/service.js';
import type { Store } from '../store/database.js';
import { requireViewer } from './middleware.js';
import { principalFromClaims, signToken } from './tokens.js';
import { describeViewer, upsertUser } from './users.js';

const GUEST_TTL_SECONDS = 30 * 24 * 3600;
const DEV_TTL_SECONDS = 3600;
export const DEV_HEADER = 'X-ShareStack-Dev';
const DEV_NOTICE = 'this route exists only for the demo; disable with SHARESTACK_DEV_TOKENS=0';

export function authRoutes({ db }: Store, opts: { devTokens: boolean }) {
  const r = createRouter();
  const devGate: MiddlewareHandler<AppEnv> = async function devGate(c, next) {
    c.header(DEV_HEADER, DEV_NOTICE);
    if (!opts.devTokens) {
      throw forbidden(ErrorCode.DevRoutesDisabled, 'Dev tokens are disabled (SHARESTACK_DEV_TOKENS=0).');
    }
    await next();
  };

  r.openapi(
    createRoute({
      tags: ['auth'],
      method: 'get',
      path: '/me',
      responses: { 200: json(Viewer, 'The signed-in user'), ...commonProblems },
    }),
    async (c) => c.json(await describeViewer(db, c.get('site').id, requireViewer(c), { record: true }), 200),
  );

  r.openapi(
    createRoute({
      tags: ['auth'],
      method: 'post',
      path: '/auth/guest',
      request: jsonBody(GuestTokenBody),
      responses: { 200: json(TokenResponse, 'A guest token signed by the server'), ...commonProblems },
    }),
    async (c) => {
      const site = c.get('site');
      if (!site.settings.allow_guests) {
        throw forbidden(ErrorCode.GuestsNotAllowed, 'This site does not allow guests; sign in instead.');
      }
      const { name } = c.req.valid('json');
      const claims = { sub: `guest:${randomUUID()}`, name, guest: true };
      const { token, expiresAt } = await signToken(site.secret, claims, GUEST_TTL_SECONDS);
      const principal = principalFromClaims({ ...claims, exp: Math.floor(expiresAt.getTime() / 1000) });
      await upsertUser(db, site.id, principal);
      return c.json(
        { token, expires_at: expiresAt.toISOString(), user: await describeViewer(db, site.id, principal) },
        200,
      );
    },
  );

  r.openapi(
    createRoute({
      tags: ['dev'],
      method: 'post',
      path: '/dev/token',
      description: `Mints a one-hour token for the demo site. ${DEV_NOTICE}.`,
      // The gate runs before validation so a disabled server says so whatever the body.
      middleware: [devGate],
      request: jsonBody(DevTokenBody),
      responses: { 200: json(TokenResponse, 'A demo token'), ...commonProblems },
    }),
    async (c) => {
      const site = c.get('site');
      if (site.id !== DEMO_SITE_ID) {
        throw forbidden(ErrorCode.Forbidden, `Dev tokens exist only for the "${DEMO_SITE_ID}" site.`);
      }
      const body = c.req.valid('json');
      const claims = { sub: body.sub, name: body.name, roles: body.roles };
      const { token, expiresAt } = await signToken(site.secret, claims, DEV_TTL_SECONDS);
      const principal = principalFromClaims({ ...claims, exp: Math.floor(expiresAt.getTime() / 1000) });
      return c.json(
        { token, expires_at: expiresAt.toISOString(), user: await describeViewer(db, site.id, principal) },
        200,
      );
    },
  );

  return r;
}
