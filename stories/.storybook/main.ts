import type { StorybookConfig } from '@storybook/web-components-vite';
import type { PluginOption } from 'vite';

/** Declaration-file plugins slow the build and emit into the package, not into Storybook. */
function withoutDts(plugins: PluginOption[] = []): PluginOption[] {
  return plugins.flat(Number.POSITIVE_INFINITY as 1).filter((plugin) => {
    const name = plugin && typeof plugin === 'object' && 'name' in plugin ? plugin.name : '';
    return !/dts/i.test(name);
  });
}

const config: StorybookConfig = {
  stories: ['../src/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    return {
      ...viteConfig,
      plugins: withoutDts(viteConfig.plugins),
      // Storybook's own runtime is one ~900 kB chunk; that is not ours to split.
      build: { ...viteConfig.build, chunkSizeWarningLimit: 1500 },
      // nanostores and Lit read NODE_ENV; stories show production behaviour.
      define: { ...viteConfig.define, 'process.env.NODE_ENV': JSON.stringify('production') },
    };
  },
};

export default config;
