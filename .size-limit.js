/**
 * Bundle budgets (min+gzip) of the script-tag embed; `pnpm size` checks the built files.
 * esbuild re-bundles each entry with everything it loads — the elements chunk included — except
 * the translation chunks, which only readers of that language download, and the live code
 * (real-time client, partysocket, the thread's event handling), which loads after the first
 * page has been asked for, and the guest sign-in form, which only anonymous readers of sites
 * that allow guests load; those are measured on their own. ESM, because the
 * bundles use `import.meta`.
 */
/** Chunks of elements a comment thread does not use; the embed loads each only for its tag. */
const OTHER_ELEMENTS = ['./provider-*.js'];
/** The demo page's dev sign-in, which real sites never load. */
const DEMO = ['./dev-token-*.js'];
const esm = (config) => ({
  ...config,
  format: 'esm',
  external: [
    './locales/*',
    './live-client-*.js',
    './thread-live-*.js',
    './guest-form-*.js',
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
    limit: '25 KB',
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
    name: 'live updates (loaded after the first page request)',
    path: ['packages/elements/dist/embed/live-client-*.js', 'packages/elements/dist/embed/thread-live-*.js'],
    limit: '6 KB',
    gzip: true,
    modifyEsbuildConfig: esm,
  },
];
