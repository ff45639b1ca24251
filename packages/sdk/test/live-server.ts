import { mkdtempSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SiteSettingsPatch, SiteWithSecret } from '@sharestack/protocol';
import { listen, loadConfig, startServices } from '@sharestack/server';
import { SignJWT } from 'jose';

const ADMIN_KEY = 'sdk-test-admin-key-0000';

/** The real ShareStack server on a real port with a fresh SQLite database, as SDK users meet it. */
export async function startLiveServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'ss-sdk-'));
  // Every test writes from one address and a few users: lift the write limits (tested server-side).
  const unlimited = { user: [100_000, 60], ip: [100_000, 60] };
  const config = loadConfig({
    DATA_DIR: dataDir,
    SHARESTACK_ADMIN_KEY: ADMIN_KEY,
    PORT: '0',
    SHARESTACK_RATE_LIMITS: JSON.stringify({
      comment: unlimited,
      reaction: unlimited,
      report: unlimited,
      follow: unlimited,
      bookmark: unlimited,
    }),
  });
  const services = await startServices(config, { info: () => {}, error: () => {} });
  const listening = await listen(services, 0, '127.0.0.1');
  const baseUrl = listening.url;
  const sockets = new Set<Socket>();
  listening.server.on('upgrade', (_req, socket: Socket) => {
    sockets.add(socket);
  });

  return {
    baseUrl,
    async newSite(settings: SiteSettingsPatch = {}): Promise<SiteWithSecret> {
      const res = await fetch(`${baseUrl}/api/admin/sites`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'sdk test',
          origins: ['*'],
          settings: { new_account_comments_per_hour: 10_000, ...settings },
        }),
      });
      if (res.status !== 201) throw new Error(`site: ${res.status} ${await res.text()}`);
      return (await res.json()) as SiteWithSecret;
    },
    token(site: SiteWithSecret, sub: string, claims: Record<string, unknown> = {}) {
      return new SignJWT({ name: sub, ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(sub)
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode(site.secret));
    },
    /** Cuts every WebSocket as a network failure would: no close frame. */
    dropSockets() {
      let n = 0;
      for (const socket of sockets) {
        if (!socket.destroyed) n++;
        socket.destroy();
      }
      sockets.clear();
      return n;
    },
    services,
    async stop() {
      await listening.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
