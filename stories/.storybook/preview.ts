import { setLocale } from '@sharestack/elements';
import '@sharestack/elements/define';
import manifest from '@sharestack/elements/custom-elements.json';
import { type Preview, setCustomElementsManifest } from '@storybook/web-components-vite';

// Controls, argTypes and docs come from the manifest the elements' JSDoc generates.
setCustomElementsManifest(manifest);

const preview: Preview = {
  parameters: {
    // The client is an object set from each story's fixture, not something to edit.
    controls: { expanded: true, exclude: ['client'], matchers: { color: /(background|color)$/i } },
    backgrounds: {
      options: {
        light: { name: 'Light', value: '#ffffff' },
        dark: { name: 'Dark', value: '#15171a' },
      },
    },
    layout: 'padded',
  },
  initialGlobals: { backgrounds: { value: 'light' }, locale: 'en' },
  globalTypes: {
    locale: {
      description: 'Language of the elements',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'de', title: 'Deutsch' },
        ],
        dynamicTitle: true,
      },
    },
  },
  // The locale is page-wide state: set it before each story renders so stories never leak it.
  loaders: [
    async ({ globals }) => {
      await setLocale(String(globals.locale ?? 'en'));
      return {};
    },
  ],
};

export default preview;
