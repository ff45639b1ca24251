import { Limits } from '@sharestack/protocol';
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { demoPage } from './page.js';

export function demoRoutes(opts: { devTokens: boolean }) {
  const r = new Hono<AppEnv>({ strict: false });
  r.get('/', (c) => {
    const raw = c.req.query('name')?.trim().slice(0, Limits.displayNameMax) || null;
    c.header(
      'Content-Security-Policy',
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; frame-ancestors 'none'",
    );
    c.header('X-Content-Type-Options', 'nosniff');
    const moderator = c.req.query('moderator') === '1';
    return c.html(demoPage({ devTokens: opts.devTokens, name: raw, moderator }));
  });
  return r;
}
