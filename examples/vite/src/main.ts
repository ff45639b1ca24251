import type { SsCommentPostedEvent } from '@sharestack/elements';
import '@sharestack/elements/define';
import { createClient } from '@sharestack/sdk';

const client = createClient({
  baseUrl: import.meta.env.VITE_SHARESTACK_URL ?? 'http://127.0.0.1:8787',
  site: import.meta.env.VITE_SHARESTACK_SITE ?? 'demo',
  // In a real app: a token your backend signed for the signed-in user, e.g.
  // getToken: () => fetch('/session/sharestack-token').then((r) => r.text()),
});

const provider = document.querySelector('ss-provider');
if (provider) provider.client = client;

// Elements report what readers do with typed, bubbling `ss-*` events.
document.addEventListener('ss-comment-posted', (event: SsCommentPostedEvent) => {
  console.info('New comment', event.detail.comment.id);
});

// Demo only: the server's dev route mints a token (it is off in production).
if (import.meta.env.DEV || import.meta.env.VITE_SHARESTACK_DEV_TOKEN) {
  client.auth
    .devToken({ sub: 'vite-demo', name: 'Vite Demo' })
    .then(({ token }) => client.setToken(token))
    .catch((error: unknown) => console.warn('Dev sign-in failed; reading anonymously.', error));
}
