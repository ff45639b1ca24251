import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { type SocialFixture, socialClient } from './social-fixture.js';
import { dark, type Theme } from './support.js';

interface Args {
  contentId: string;
  theme: Theme;
}

const fixture = (f: SocialFixture) => ({ social: f });

const meta = {
  title: 'Elements/ss-bookmark-button',
  component: 'ss-bookmark-button',
  loaders: [async ({ parameters }) => ({ client: socialClient(parameters.social as SocialFixture) })],
  args: { contentId: 'cobol', theme: 'light' },
  argTypes: { theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] } },
  parameters: fixture({}),
  render: (args, { loaded }) => html`<ss-bookmark-button
    .client=${loaded.client}
    content-id=${args.contentId}
    content-title="Why COBOL still matters"
    theme=${args.theme}
  ></ss-bookmark-button>`,
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** Press to bookmark; "Collection and notes" files it and adds a note. */
export const Default: Story = {};

export const Bookmarked: Story = {
  parameters: fixture({
    bookmarks: [
      {
        id: '1',
        user_id: 'ada',
        content_id: 'cobol',
        collection_name: 'Read later',
        notes: 'Share with the team',
        content_title: 'Why COBOL still matters',
        content_url: null,
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
      },
    ],
  }),
};

export const Anonymous: Story = { parameters: fixture({ viewer: null }) };

export const Dark: Story = { ...dark, args: { theme: 'dark' } };
