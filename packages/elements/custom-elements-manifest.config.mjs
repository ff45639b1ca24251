// `cem analyze` (see `pnpm analyze`): the custom elements manifest, from the components' JSDoc.
export default {
  litelement: true,
  globs: ['src/**/*.component.ts'],
  exclude: ['src/**/*.test.ts'],
};
