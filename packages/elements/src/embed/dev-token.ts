import type { ShareStackClient } from '@sharestack/sdk';
import type { DevRole } from './config.js';

interface DemoUser {
  sub: string;
  name: string;
}

const STORAGE_KEY = 'sharestack:demo-users';
/** Names remembered in one browser (the oldest is forgotten first). */
const REMEMBERED = 20;

/**
 * The same demo identity on every visit, per name: a reader who signs in as "Carol" and then as
 * "Ann" again is the same Ann, and finds their own comments again. Without a name, the
 * identity used last.
 */
function demoUser(name: string | true): DemoUser {
  const wanted = typeof name === 'string' ? name : null;
  let known: DemoUser[] = [];
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]') as unknown;
    if (Array.isArray(saved))
      known = saved.filter(
        (u): u is DemoUser => typeof u?.sub === 'string' && u.sub !== '' && typeof u?.name === 'string',
      );
  } catch {
    // Storage blocked (third-party iframe, privacy mode) or garbage in it: make a fresh user.
  }
  const sub = `demo-${Math.random().toString(36).slice(2, 10)}`;
  const user = (wanted ? known.find((u) => u.name === wanted) : known.at(-1)) ?? {
    sub,
    name: wanted ?? `Demo reader ${sub.slice(-4)}`,
  };
  // The one used now goes last.
  known = [...known.filter((u) => u.sub !== user.sub), user].slice(-REMEMBERED);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(known));
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
