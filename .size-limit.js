/**
 * Bundle budgets (min+gzip) of the script-tag embed; `pnpm size` checks the built files.
 * esbuild re-bundles each entry with everything it loads — the elements chunk included — except
 * the translation chunks, which only readers of that language download. ESM, because the
 * bundles use `import.meta`.
 */
const esm = (config) => ({ ...config, format: 'esm', external: ['./locales/*'] });

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
];
