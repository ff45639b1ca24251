/**
 * Child process of the thread-read benchmark: the real ShareStack app on one port and a bare
 * Hono JSON route on the next, each wrapped in a timer that records server-side handler time.
 */
import { serve } from '@hono/node-server';
import { loadConfig, startServices } from '@sharestack/server';
import { Hono } from 'hono';

const [dataDir, portArg] = process.argv.slice(2);
if (!dataDir || !portArg) throw new Error('usage: serve.ts DATA_DIR PORT');
const port = Number(portArg);

const timings: Record<string, number[]> = { app: [], bare: [] };
type Fetch = (req: Request, env?: unknown) => Response | Promise<Response>;
const timed = (name: string, fetch: Fetch): Fetch =>
  async function timedFetch(req, env) {
    const url = new URL(req.url);
    if (url.pathname === '/__bench/stats') {
      const body = JSON.stringify(timings);
      if (url.searchParams.has('reset')) for (const k of Object.keys(timings)) timings[k] = [];
      return new Response(body, { headers: { 'content-type': 'application/json' } });
    }
    const t0 = performance.now();
    const res = await fetch(req, env);
    // Reading the body makes serialisation part of the measurement, as it is for the client.
    const buf = await res.arrayBuffer();
    timings[name]?.push(performance.now() - t0);
    return new Response(buf, res);
  };

const config = loadConfig({ ...process.env, DATA_DIR: dataDir, SHARESTACK_ADMIN_KEY: 'bench-admin-key-000' });
const { app } = await startServices(config, { info: () => {}, error: (m, e) => console.error(m, e) });
const bare = new Hono().get('/bare', (c) =>
  c.json({ items: [{ id: '1', comment_text: 'hello', like_count: 0 }], next_cursor: null }),
);

serve({ fetch: timed('app', app.fetch), port, hostname: '127.0.0.1' });
serve({ fetch: timed('bare', bare.fetch), port: port + 1, hostname: '127.0.0.1' });
process.send?.('ready');
