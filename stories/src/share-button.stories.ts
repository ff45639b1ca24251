import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { type SocialFixture, socialClient } from './social-fixture.js';
import { dark, type Theme } from './support.js';

interface Args {
  contentId: string;
  url: string;
  shareTitle: string;
  showCount: boolean;
  noNative: boolean;
  theme: Theme;
}

const fixture = (f: SocialFixture) => ({ social: f });

const meta = {
  title: 'Elements/ss-share-button',
  component: 'ss-share-button',
  loaders: [async ({ parameters }) => ({ client: socialClient(parameters.social as SocialFixture) })],
  args: {
    contentId: 'cobol',
    url: 'https://example.com/cobol',
    shareTitle: 'Why COBOL still matters',
    showCount: true,
    noNative: true,
    theme: 'light',
  },
  argTypes: { theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] } },
  parameters: fixture({
    shares: {
      cobol: { content_id: 'cobol', share_count: 41, channels: { copy: 30, x: 11 }, share_url: null },
    },
  }),
  render: (args, { loaded }) => html`<ss-share-button
    .client=${loaded.client}
    content-id=${args.contentId}
    url=${args.url}
    share-title=${args.shareTitle}
    ?show-count=${args.showCount}
    ?no-native=${args.noNative}
    theme=${args.theme}
  ></ss-share-button>`,
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** The menu: copy link, email and the usual networks; each share is counted. */
export const Menu: Story = {};

/** Uses the system share sheet where the browser has one (mobile browsers, Safari, Edge). */
export const NativeWhereAvailable: Story = { args: { noNative: false } };

export const Dark: Story = { ...dark, args: { theme: 'dark' } };
