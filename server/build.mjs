// Bundles the CLI into dist/cli.js, and the library into dist/index.js: our workspace packages
// inlined, every other dependency left in node_modules (native better-sqlite3, PGlite's WASM and pg cannot be bundled sanely).
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }).filter(
  (name) => !name.startsWith('@sharestack/'),
);

const options = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: [...external, ...external.map((name) => `${name}/*`)],
  // Inlined CommonJS (none today, but cheap insurance) needs require in an ES module.
  banner: {
    js: "import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);",
  },
  logLevel: 'info',
};

await build({ ...options, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js' });
// The same code as a library (what src/index.ts exports): the benches drive the server as built,
// not as tsx compiles the sources on the fly (bench/src/server.ts).
await build({ ...options, entryPoints: ['src/index.ts'], outfile: 'dist/index.js' });
