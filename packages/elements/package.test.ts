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

// `@sharestack/elements/jsx` and `/vue` are generated from the manifest (scripts/framework-types.mjs)
// and committed, since the examples type-check against them before anything is built.
it('ships JSX and Vue typings for every element in the manifest, with typed event details', () => {
  const exportsMap = (
    JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }
  ).exports;
  expect(exportsMap['./jsx']).toEqual({ types: './types/jsx.d.ts' });
  expect(exportsMap['./vue']).toEqual({ types: './types/vue.d.ts' });
  const manifest = JSON.parse(readFileSync(join(here, 'custom-elements.json'), 'utf8')) as {
    modules: {
      declarations?: { tagName?: string; events?: { name: string; type?: { text: string } }[] }[];
    }[];
  };
  const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
  expect(elements.length).toBeGreaterThan(10);
  const jsx = readFileSync(join(here, 'types/jsx.d.ts'), 'utf8');
  const vue = readFileSync(join(here, 'types/vue.d.ts'), 'utf8');
  for (const el of elements) {
    expect(jsx).toContain(`"${el.tagName}": Partial<`);
    expect(vue).toContain(`'${el.tagName}': SsElement<`);
    for (const ev of el.events ?? []) {
      // A detail typed in the component's JSDoc (`@event {SsXDetail} ss-x`), not an inferred shape.
      expect(ev.type?.text).toMatch(/^Ss\w+Detail$/);
      expect(jsx).toContain(`"on${ev.name}"?: (e: CustomEvent<${ev.type!.text}>) => void;`);
      expect(vue).toContain(`'${ev.name}': CustomEvent<${ev.type!.text}>`);
    }
  }
});
