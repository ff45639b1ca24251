/**
 * Bundle budgets (min+gzip) of the script-tag embed; `pnpm size` builds it and checks them.
 * A JS config rather than JSON because the bundles are ES modules that use `import.meta`:
 * esbuild must measure them as ESM, not as the IIFE it defaults to.
 */
const esm = (config) => ({ ...config, format: 'esm' });

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
