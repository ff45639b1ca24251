/**
 * Builds the script-tag embed into dist/:
 *   embed.js                 tiny loader (no Lit), the URL site owners paste
 *   embed/sharestack.js      `init(config)`: the SDK client, then the elements
 *   embed/*-[hash].js        the elements chunk (`define.ts`), loaded by `init`
 *   embed/locales/*.js       one chunk per translation, loaded only for readers who need it
 * Two environments, so the loader stays a single file with a stable name: it imports the main
 * chunk by URL at run time and must not be bundled with it.
 */
import minifyHTMLLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { type BuildEnvironmentOptions, defineConfig } from 'vite';

const entry = (file: string, fileName: string, split: boolean): BuildEnvironmentOptions => ({
  lib: { entry: file, formats: ['es'], fileName: () => fileName },
  rolldownOptions: {
    // Every dependency goes in: this is a script-tag bundle, not an npm module.
    external: [],
    // Library mode leaves whitespace in ES output for the sake of bundlers; these files go to
    // browsers as they are.
    output: {
      codeSplitting: split,
      minify: true,
      chunkFileNames: (chunk) =>
        chunk.facadeModuleId?.includes('/generated/locales/')
          ? 'embed/locales/[name]-[hash].js'
          : 'embed/[name]-[hash].js',
    },
  },
});

export default defineConfig({
  logLevel: 'warn',
  // Lit's html`` and css`` templates keep their whitespace and comments through the minifier.
  plugins: [minifyHTMLLiterals({ failOnError: true })],
  publicDir: false,
  // Library mode keeps `process.env` for consumers to replace; a script tag has no consumer.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    ...entry('src/embed/sharestack.ts', 'embed/sharestack.js', true),
    outDir: 'dist',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    reportCompressedSize: false,
  },
  environments: {
    loader: {
      consumer: 'client',
      build: { ...entry('src/embed/loader.ts', 'embed.js', false), emptyOutDir: false },
    },
  },
  builder: {
    async buildApp(builder) {
      await builder.build(builder.environments.client!);
      await builder.build(builder.environments.loader!);
    },
  },
});
