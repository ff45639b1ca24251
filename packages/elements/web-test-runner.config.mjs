// Component tests in real Chromium against a real ShareStack server started for the run.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { SignJWT } from 'jose';
import chromium from '../../scripts/chromium.json' with { type: 'json' };

const here = dirname(fileURLToPath(import.meta.url));
const serverDir = join(here, '../../server');
const ADMIN_KEY = `wtr-admin-${randomBytes(12).toString('hex')}`;

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

/** An HS256 token as a host site would sign it for its user. */
const signToken = (secret, { sub, ...claims }) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));

const USERS = {
  alice: { sub: 'alice', name: 'Alice Example' },
  bob: { sub: 'bob', name: 'Bob Builder' },
  mod: { sub: 'mod', name: 'Mia Moderator', roles: ['moderator'] },
};

/** Starts `server/src/cli.ts` on a free port with a throw-away SQLite DATA_DIR; serves /__ss/* fixtures. */
function shareStackServer() {
  let child;
  let dataDir;
  let baseUrl;

  const admin = async (method, path, body) => {
    const res = await fetch(`${baseUrl}/api/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} /api/admin${path} → ${res.status} ${await res.text()}`);
    return res.json();
  };

  /** `/__ss/fixture?settings=` → a fresh site and tokens; `/__ss/settings?site=&settings=` patches one. */
  async function fixtures(ctx, next) {
    if (!ctx.path.startsWith('/__ss/')) return next();
    const settings = JSON.parse(ctx.query.settings ?? '{}');
    if (ctx.path === '/__ss/fixture') {
      const site = await admin('POST', '/sites', {
        name: 'wtr',
        origins: ['*'],
        settings: { allow_guests: true, ...settings },
      });
      const tokens = Object.fromEntries(
        await Promise.all(
          Object.entries(USERS).map(async ([k, claims]) => [k, await signToken(site.secret, claims)]),
        ),
      );
      ctx.body = { baseUrl, site: site.id, tokens };
    } else if (ctx.path === '/__ss/settings') {
      ctx.body = await admin('PATCH', `/sites/${encodeURIComponent(ctx.query.site)}`, { settings });
    } else ctx.status = 404;
  }

  const plugin = {
    name: 'sharestack-server',
    async serverStart() {
      const port = await freePort();
      baseUrl = `http://127.0.0.1:${port}`;
      dataDir = mkdtempSync(join(tmpdir(), 'ss-wtr-'));
      const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir };
      env.SHARESTACK_ADMIN_KEY = ADMIN_KEY;
      // Every test posts from 127.0.0.1; the per-address write limits would throttle the suite.
      env.SHARESTACK_RATE_LIMITS = JSON.stringify({
        comment: { user: [1000, 60], ip: [100000, 60] },
        reaction: { user: [1000, 60], ip: [100000, 60] },
        report: { user: [1000, 60], ip: [100000, 60] },
        follow: { user: [1000, 60], ip: [100000, 60] },
        bookmark: { user: [1000, 60], ip: [100000, 60] },
      });
      delete env.DATABASE_URL;
      delete env.REDIS_URL;
      delete env.NODE_ENV;
      child = spawn(join(serverDir, 'node_modules/.bin/tsx'), [join(serverDir, 'src/cli.ts')], {
        cwd: serverDir,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      process.once('exit', () => child.kill());
      let log = '';
      child.stdout.on('data', (d) => (log += d));
      child.stderr.on('data', (d) => (log += d));
      const deadline = Date.now() + 30_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`ShareStack server exited (${child.exitCode}):\n${log}`);
        try {
          await fetch(`${baseUrl}/api/site`);
          break;
        } catch {
          if (Date.now() > deadline) throw new Error(`ShareStack server did not start:\n${log}`);
          await new Promise((r) => setTimeout(r, 150));
        }
      }
    },
    async serverStop() {
      child?.kill();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return { plugin, fixtures };
}

const sharestack = shareStackServer();

export default {
  files: ['src/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 10_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? chromium.executablePath,
        args: chromium.args,
      },
    }),
  ],
  plugins: [
    esbuildPlugin({
      ts: true,
      // The plugin reads the file as is (no `extends`), so name the one that sets the decorator flags.
      tsconfig: join(here, '../../tsconfig.base.json'),
      target: 'es2022',
    }),
    sharestack.plugin,
  ],
  middleware: [sharestack.fixtures],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head><script>window.process = { env: { NODE_ENV: 'test' } };</script></head>
  <body><script type="module" src="${testFramework}"></script></body>
</html>`,
};
