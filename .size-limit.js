import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Bundle budgets (min+gzip) of the script-tag embed; `pnpm size` checks the built files.
 * esbuild re-bundles each entry with everything it loads — the elements chunk included — except
 * the translation chunks, which only readers of that language download, and the live code
 * (real-time client, partysocket, the thread's event handling), which loads after the first
 * page has been asked for, the refresh of the viewer's reactions, which loads when someone signs
 * in or out, the guest sign-in form, which only anonymous readers of sites
 * that allow guests load, and the report dialog, which loads when a reader presses Report;
 * those are measured on their own. ESM, because the
 * bundles use `import.meta`.
 */
/** Chunks of elements a comment thread does not use; the embed loads each only for its tag. */
const OTHER_ELEMENTS = [
  './provider-*.js',
  './follow-button-*.js',
  './bookmark-button-*.js',
  './share-button-*.js',
  './profile-card-*.js',
  './activity-feed-*.js',
  './moderation-queue-*.js',
  './notification-bell-*.js',
  './notification-list-*.js',
  './notification-preferences-*.js',
];
/** The chunks an element's chunk imports statically (what the page has once the element is in). */
function chunksOf(element) {
  const dir = 'packages/elements/dist/embed';
  const file = readdirSync(dir).find((f) => f.startsWith(`${element}-`) && f.endsWith('.js'));
  if (!file) return [];
  const code = readFileSync(join(dir, file), 'utf8');
  return [...code.matchAll(/from\s*"(\.\/[^"]+)"/g)].map((m) => m[1]);
}
/** The demo page's dev sign-in, which real sites never load. */
const DEMO = ['./dev-token-*.js'];
const esm = (config) => ({
  ...config,
  format: 'esm',
  external: [
    './locales/*',
    './live-client-*.js',
    './thread-live-*.js',
    './reaction-live-*.js',
    './thread-refresh-*.js',
    './guest-form-*.js',
    './report-dialog-*.js',
    './notification-panel-*.js',
    ...OTHER_ELEMENTS,
    ...DEMO,
  ],
});

export default [
  {
    name: 'embed loader',
    path: 'packages/elements/dist/embed.js',
    limit: '2 KB',
    gzip: true,
    modifyEsbuildConfig: esm,
  },
  {
    name: 'comment thread',
    path: 'packages/elements/dist/embed/sharestack.js',
    // 25 KB until the client learned to tell stores that the viewer changed (`$session`): +0.1.
    // +0.1 when a thread that is not live began to follow the viewer too (the listener moved
    // here from the live chunk; the refresh itself loads when the viewer changes).
    // +0.15 when a post's reactions went live (the store's hook; the handler loads lazily).
    // +0.1 when a comment a moderator rejected said so to its author and moderators.
    // +0.2 when a thread began recording its page (address and title) for notifications to link to.
    limit: '25.65 KB',
    gzip: true,
    modifyEsbuildConfig: esm,
  },
  {
    name: 'guest sign-in form (loaded for anonymous readers where guests may comment)',
    path: 'packages/elements/dist/embed/guest-form-*.js',
    limit: '2 KB',
    gzip: true,
    modifyEsbuildConfig: (config) => ({ ...esm(config), external: ['./*'] }),
  },
  {
    name: 'report dialog (loaded when a reader presses Report), with the SDK moderation chunk',
    path: [
      'packages/elements/dist/embed/report-dialog-*.js',
      // Not moderation-queue-*: the SDK's moderation calls, which only the dialog and the queue load.
      'packages/elements/dist/embed/moderation-????????.js',
    ],
    limit: '2.5 KB',
    gzip: true,
    modifyEsbuildConfig: (config) => ({ ...esm(config), external: ['./*'] }),
  },
  // Each other element as a page that shows only it loads it (shared chunks counted in).
  ...[
    ['follow button', 'follow-button', '14 KB'],
    ['bookmark button', 'bookmark-button', '15 KB'],
    ['share button', 'share-button', '15 KB'],
    ['profile card', 'profile-card', '15 KB'],
    ['activity feed', 'activity-feed', '15 KB'],
    ['moderation queue', 'moderation-queue', '17 KB'],
    ['notification bell', 'notification-bell', '15 KB'],
    ['notification list', 'notification-list', '18 KB'],
    ['notification preferences', 'notification-preferences', '15 KB'],
  ].map(([name, chunk, limit]) => ({
    name: `${name} (with Lit and what it loads)`,
    path: `packages/elements/dist/embed/${chunk}-*.js`,
    limit,
    gzip: true,
    modifyEsbuildConfig: (config) => ({
      ...esm(config),
      external: [
        './locales/*',
        './live-client-*.js',
        './thread-live-*.js',
        './notification-panel-*.js',
        ...DEMO,
      ],
    }),
  })),
  {
    name: 'notification bell dropdown (what opening the bell adds to it)',
    path: 'packages/elements/dist/embed/notification-panel-*.js',
    limit: '7.5 KB',
    gzip: true,
    modifyEsbuildConfig: (config) => ({
      ...esm(config),
      external: ['./locales/*', ...chunksOf('notification-bell')],
    }),
  },
  {
    name: 'live updates (loaded after the first page request)',
    path: [
      'packages/elements/dist/embed/live-client-*.js',
      'packages/elements/dist/embed/thread-live-*.js',
      // A content's reactions, live (ss-reactions on a post).
      'packages/elements/dist/embed/reaction-live-*.js',
    ],
    // +0.2 for a content's reactions (reaction-live).
    // +0.1 for a rejected comment's news to its author (comment_moderated), approvals landing in
    // place, and a typist's indicator ending when their comment arrives.
    limit: '6.8 KB',
    gzip: true,
    modifyEsbuildConfig: esm,
  },
];
