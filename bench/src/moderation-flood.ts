/**
 * Flood benchmark (issue 6): ordinary users post at a steady rate while an attacker floods the
 * comment route, once as one user from many addresses and once as many users from one address.
 * Default rate limits, behind a trusted proxy so each request can claim its own address. Prints
 * how the ordinary users' latency compares with and without the flood, and how the flood fared.
 *
 *   pnpm --filter @sharestack/bench run bench:moderation-flood
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SiteWithSecret } from '@sharestack/protocol';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import { ms } from './stats.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const PORT = 20_000 + Math.floor(Math.random() * 500) * 2;
const base = `http://127.0.0.1:${PORT}`;

const sign = (secret: string, sub: string) =>
  new SignJWT({ name: sub })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(secret));

type Pick = (i: number) => { token: string; ip: string };

function load(site: string, connections: number, who: Pick, label: string) {
  let n = 0;
  return autocannon({
    url: base,
    connections,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        path: '/api/comments',
        setupRequest: ((req: Record<string, unknown>) => {
          const i = n++;
          const { token, ip } = who(i);
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              'X-ShareStack-Site': site,
              'X-Forwarded-For': ip,
              authorization: `Bearer ${token}`,
            },
            body: JSON.stringify({
              content_id: `flood-${i % 10}`,
              comment_text: `${label} comment number ${i}`,
            }),
          };
        }) as never,
      },
    ],
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'ss-bench-flood-'));
const child = fork(join(import.meta.dirname, 'serve.ts'), [dataDir, String(PORT)], {
  execArgv: ['--import', 'tsx'],
  stdio: 'inherit',
  env: { ...process.env, SHARESTACK_TRUST_PROXY: '1', SHARESTACK_RATE_LIMITS: '{}' },
});
await new Promise<void>((resolve, reject) => {
  child.once('message', () => resolve());
  child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
});

try {
  const res = await fetch(`${base}/api/admin/sites`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer bench-admin-key-000' },
    body: JSON.stringify({ name: 'flood', origins: ['*'] }),
  });
  const site = (await res.json()) as SiteWithSecret;
  // Ordinary users: each posts rarely (well inside 10 a minute), from an address of their own.
  const users = await Promise.all(Array.from({ length: 2000 }, (_, i) => sign(site.secret, `person-${i}`)));
  let next = 0;
  const ordinary: Pick = () => {
    const k = next++ % users.length;
    return { token: users[k]!, ip: `10.1.${k >> 8}.${k & 255}` };
  };
  const flooder = await sign(site.secret, 'flooder');
  const bots = await Promise.all(Array.from({ length: 500 }, (_, i) => sign(site.secret, `bot-${i}`)));

  const row = (name: string, r: autocannon.Result) =>
    `${name.padEnd(40)} ${String(r['2xx']).padStart(6)} accepted  ${String(r.non2xx).padStart(7)} refused   p50 ${ms(r.latency.p50).padStart(9)}  p99 ${ms(r.latency.p99).padStart(9)}`;

  const quiet = await load(site.id, 2, ordinary, 'quiet');
  const [withUserFlood, userFlood] = await Promise.all([
    load(site.id, 2, ordinary, 'busy'),
    load(site.id, 16, (i) => ({ token: flooder, ip: `198.51.${(i >> 8) & 255}.${i & 255}` }), 'flood'),
  ]);
  const [withIpFlood, ipFlood] = await Promise.all([
    load(site.id, 2, ordinary, 'busy'),
    load(site.id, 16, (i) => ({ token: bots[i % bots.length]!, ip: '203.0.113.9' }), 'bots'),
  ]);

  console.log(`\nComment flood against default rate limits, ${SECONDS} s each, SQLite (WAL)`);
  console.log(row('ordinary users, no flood', quiet));
  console.log(row('ordinary users, one user floods', withUserFlood));
  console.log(row('  the flood (one user, many addresses)', userFlood));
  console.log(row('ordinary users, one address floods', withIpFlood));
  console.log(row('  the flood (many users, one address)', ipFlood));
  console.log(
    `ordinary p99 under flood / quiet: ${(withUserFlood.latency.p99 / quiet.latency.p99).toFixed(2)} and ${(withIpFlood.latency.p99 / quiet.latency.p99).toFixed(2)}`,
  );
} finally {
  child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
