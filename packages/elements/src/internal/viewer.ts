import type { ShareStackClient } from '@sharestack/sdk';

const known = new WeakMap<ShareStackClient, Promise<unknown>>();

/**
 * Asks once per client who the viewer is, however many elements share the client; later sign-ins
 * and sign-outs reach `$viewer` through the client itself. Never rejects: a reader whose token
 * cannot be checked stays anonymous.
 */
export function resolveViewer(client: ShareStackClient): Promise<unknown> {
  let pending = known.get(client);
  if (!pending) {
    pending = client.$viewer.get() ? Promise.resolve() : client.refreshViewer().catch(() => null);
    known.set(client, pending);
  }
  return pending;
}
