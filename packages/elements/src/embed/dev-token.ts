import type { ShareStackClient } from '@sharestack/sdk';
import type { DevRole } from './config.js';

interface DemoUser {
  sub: string;
  name: string;
}

const STORAGE_KEY = 'sharestack:demo-user';

/** The same demo identity on every visit, so a reader finds their own comments again. */
function demoUser(name: string | true): DemoUser {
  const wanted = typeof name === 'string' ? name : null;
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as DemoUser | null;
    if (saved?.sub && (!wanted || saved.name === wanted)) return saved;
  } catch {
    // Storage blocked (third-party iframe, privacy mode) or garbage in it: make a fresh user.
  }
  const sub = `demo-${Math.random().toString(36).slice(2, 10)}`;
  const user = { sub, name: wanted ?? `Demo reader ${sub.slice(-4)}` };
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(user));
  } catch {
    // Not remembered, still usable for this page view.
  }
  return user;
}

/**
 * Demo pages only: asks the server's dev route (`POST /api/dev/token`, on only where the server
 * enables it) for a token and signs the client in with it.
 */
export async function signInDemoUser(
  client: ShareStackClient,
  name: string | true,
  roles: DevRole[] = [],
): Promise<void> {
  const { token } = await client.auth.devToken({ ...demoUser(name), roles });
  await client.setToken(token);
}
