import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const here = import.meta.dirname;
const pkg = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')) as { sideEffects: string[] };

// A registration module left out of `sideEffects` is dropped by a production bundler from
// `@sharestack/elements/define` (its import is "unused"), and the tag never becomes an element:
// the dev server does not tree-shake, so only an app's production build would show it.
it('lists every module that registers an element as having side effects', () => {
  const components = join(here, 'src/components');
  const registering = readdirSync(components)
    .map((name) => `./src/components/${name}/${name}.ts`)
    .filter((file) => {
      try {
        return readFileSync(join(here, file), 'utf8').includes('customElements.define(');
      } catch {
        return false;
      }
    });
  expect(registering.length).toBeGreaterThan(10);
  expect(registering.filter((file) => !pkg.sideEffects.includes(file))).toEqual([]);
});
