import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { loadConfig, startServices } from '@sharestack/server';
import { SignJWT } from 'jose';
const ADMIN_KEY = 'sdk-test-admin-key-0000';
/** The real ShareStack server on a real port with a fresh SQLite database, as SDK users meet it. */
export async function startLiveServer() {
    const dataDir = mkdtempSync(join(tmpdir(), 'ss-sdk-'));
    const config = loadConfig({ DATA_DIR: dataDir, SHARESTACK_ADMIN_KEY: ADMIN_KEY, PORT: '0' });
    const services = await startServices(config, { info: () => { }, error: () => { } });
    const server = serve({ fetch: services.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', () => resolve()));
    const baseUrl = `http://127.0.0.1:${server.address().port}`;
    return {
        baseUrl,
        async newSite(settings = {}) {
            const res = await fetch(`${baseUrl}/api/admin/sites`, {
                method: 'POST',
                headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
                body: JSON.stringify({ name: 'sdk test', origins: ['*'], settings }),
            });
            if (res.status !== 201)
                throw new Error(`site: ${res.status} ${await res.text()}`);
            return (await res.json());
        },
        token(site, sub, claims = {}) {
            return new SignJWT({ name: sub, ...claims })
                .setProtectedHeader({ alg: 'HS256' })
                .setSubject(sub)
                .setExpirationTime('10m')
                .sign(new TextEncoder().encode(site.secret));
        },
        async stop() {
            await new Promise((resolve) => server.close(() => resolve()));
            await services.close();
            rmSync(dataDir, { recursive: true, force: true });
        },
    };
}
