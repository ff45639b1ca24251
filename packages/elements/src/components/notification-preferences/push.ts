import { msg } from '@lit/localize';
import { disablePush, enablePush, isShareStackError, type ShareStackClient } from '@sharestack/sdk';
import { problemMessage } from '../../internal/labels.js';

/**
 * Web push in this browser: `unsupported` (no service workers or no Push API), `no-worker` (the
 * page registered none and named none), then `off` or `on`; `busy` while it changes.
 */
export type PushState = 'unknown' | 'unsupported' | 'no-worker' | 'off' | 'on' | 'busy';

const NO_WORKER = 'no-service-worker';
const supported = () => 'serviceWorker' in navigator && 'PushManager' in window;

/** The page's registration: the one whose scope covers the named worker, or the page. */
const registrationFor = (serviceWorker: string | undefined) =>
  navigator.serviceWorker.getRegistration(
    serviceWorker ? new URL(serviceWorker, location.href).href : undefined,
  );

export async function pushStateOf(serviceWorker: string | undefined): Promise<PushState> {
  if (!supported()) return 'unsupported';
  const registration = await registrationFor(serviceWorker);
  if (!registration) return serviceWorker ? 'off' : 'no-worker';
  return (await registration.pushManager.getSubscription()) ? 'on' : 'off';
}

/** Resolves once the registration has an active worker (push needs one to subscribe). */
async function activated(registration: ServiceWorkerRegistration): Promise<ServiceWorkerRegistration> {
  const worker = registration.installing ?? registration.waiting;
  if (registration.active || !worker) return registration;
  await new Promise<void>((resolve) => {
    worker.addEventListener('statechange', () => {
      if (worker.state === 'activated') resolve();
    });
  });
  return registration;
}

/** Turns push on (registering `serviceWorker` when given) or off; the endpoint it concerned. */
export async function togglePush(
  client: ShareStackClient,
  on: boolean,
  serviceWorker: string | undefined,
): Promise<string | null> {
  const existing = await registrationFor(serviceWorker);
  if (!on) return existing ? ((await disablePush(client, existing))?.endpoint ?? null) : null;
  const registration = serviceWorker ? await navigator.serviceWorker.register(serviceWorker) : existing;
  if (!registration) throw new Error(NO_WORKER);
  return (await enablePush(client, await activated(registration))).endpoint;
}

/** What to tell the viewer when push could not change. */
export function pushProblem(error: unknown): string {
  if (isShareStackError(error)) {
    return error.code === 'push_unavailable'
      ? msg('Push notifications are not set up on this site.')
      : problemMessage(error);
  }
  if (error instanceof DOMException && error.name === 'NotAllowedError') {
    return msg('Notifications are blocked for this site in your browser settings.');
  }
  if (error instanceof Error && error.message === NO_WORKER)
    return msg('This page is not set up for push notifications.');
  return msg('Push notifications could not be changed. Please try again.');
}
