import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { GRACE_PROFILE, type SocialFixture, socialClient } from './social-fixture.js';
import { dark, type Theme } from './support.js';

interface Args {
  userId: string;
  showCount: boolean;
  theme: Theme;
}

const fixture = (f: SocialFixture) => ({ social: f });

const meta = {
  title: 'Elements/ss-follow-button',
  component: 'ss-follow-button',
  loaders: [async ({ parameters }) => ({ client: socialClient(parameters.social as SocialFixture) })],
  args: { userId: 'grace', showCount: true, theme: 'light' },
  argTypes: { theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] } },
  parameters: fixture({ profiles: { grace: GRACE_PROFILE } }),
  render: (args, { loaded }) => html`<ss-follow-button
    .client=${loaded.client}
    user-id=${args.userId}
    ?show-count=${args.showCount}
    theme=${args.theme}
  ></ss-follow-button>`,
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** Pressing follows at once; pressing again unfollows. */
export const Default: Story = {};

export const AlreadyFollowing: Story = {
  parameters: fixture({ profiles: { grace: GRACE_PROFILE }, following: ['grace'] }),
};

/** Anonymous readers see the count but cannot follow. */
export const Anonymous: Story = { parameters: fixture({ profiles: { grace: GRACE_PROFILE }, viewer: null }) };

export const Dark: Story = { ...dark, args: { theme: 'dark' } };
