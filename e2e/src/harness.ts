import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SiteWithSecret } from '@sharestack/protocol';
import { SignJWT } from 'jose';
import chromium from '../../scripts/chromium.json' with { type: 'json' };

const root = resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? chromium.executablePath;
export const CHROMIUM_ARGS = chromium.args;

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

export interface RunningServer {
  url: string;
  adminKey: string;
  stop(): Promise<void>;
}

/** Starts the built ShareStack server (`server/dist/cli.js`) as a user would, on a fresh SQLite file. */
export async function startShareStack(): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'ss-e2e-'));
  const adminKey = `e2e-admin-${Math.random().toString(36).slice(2)}`;
  const child: ChildProcess = spawn(process.execPath, [join(root, 'server/dist/cli.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SHARESTACK_ADMIN_KEY: adminKey,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/api/site`, { headers: { 'X-ShareStack-Site': 'demo' } })).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start in 30 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    adminKey,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function createSite(
  server: RunningServer,
  body: { name: string; origins: string[]; settings?: Record<string, unknown> },
): Promise<SiteWithSecret> {
  const response = await fetch(`${server.url}/api/admin/sites`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201)
    throw new Error(`site creation failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as SiteWithSecret;
}

/** What the host site's backend does: sign a short-lived HS256 token for its signed-in user. */
export function signUserToken(secret: string, sub: string, name: string): Promise<string> {
  return new SignJWT({ name })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));
}

/** A host page on its own origin (another port) serving the HTML it is given for each request. */
export async function startHostPage(
  html: (url: URL) => string | Promise<string>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    if (req.url === '/' || req.url?.startsWith('/?')) {
      const body = await html(new URL(req.url, 'http://host'));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}
