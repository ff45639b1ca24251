/**
 * Builds the script-tag embed into dist/:
 *   embed.js              tiny loader (no Lit), the URL site owners paste
 *   embed/sharestack.js   the elements, the SDK and `init(config)`, one file
 * Two environments, so each entry is a single self-contained file with a stable name: the
 * loader imports the main chunk by URL at run time and must not be bundled with it. Library
 * mode keeps Vite's module-preload helper out (nothing to preload in a one-file bundle).
 */
import { type BuildEnvironmentOptions, defineConfig } from 'vite';

const entry = (file: string, fileName: string): BuildEnvironmentOptions => ({
  lib: { entry: file, formats: ['es'], fileName: () => fileName },
  rolldownOptions: {
    // Every dependency goes in: this is a script-tag bundle, not an npm module.
    external: [],
    // One file per entry: `define.ts` and the locales stay lazy modules inside it. Library mode
    // leaves whitespace in ES output for the sake of bundlers; this file goes to browsers as is.
    output: { codeSplitting: false, minify: true },
  },
});

export default defineConfig({
  logLevel: 'warn',
  publicDir: false,
  // Library mode keeps `process.env` for consumers to replace; a script tag has no consumer.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    ...entry('src/embed/sharestack.ts', 'embed/sharestack.js'),
    outDir: 'dist',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    reportCompressedSize: false,
  },
  environments: {
    loader: {
      consumer: 'client',
      build: { ...entry('src/embed/loader.ts', 'embed.js'), emptyOutDir: false },
    },
  },
  builder: {
    async buildApp(builder) {
      await builder.build(builder.environments.client!);
      await builder.build(builder.environments.loader!);
    },
  },
});
