import { createContext } from '@lit/context';
import type { ShareStackClient } from '@sharestack/sdk';
import { atom } from 'nanostores';

/** The client `<ss-provider>` hands down to every ShareStack element below it. */
export const clientContext = createContext<ShareStackClient | undefined>(Symbol.for('sharestack/client'));

/** Fallback for elements with neither a `client` property nor a provider above them. */
export const $defaultClient = atom<ShareStackClient | undefined>(undefined);

/** Sets the client used by elements that have no provider and no `client` property (the embed script does). */
export function setDefaultClient(client: ShareStackClient | undefined): void {
  $defaultClient.set(client);
}

export function getDefaultClient(): ShareStackClient | undefined {
  return $defaultClient.get();
}
