import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { GRACE_PROFILE, type SocialFixture, socialClient } from './social-fixture.js';
import { dark, type Theme } from './support.js';

interface Args {
  userId: string;
  theme: Theme;
}

const fixture = (f: SocialFixture) => ({ social: f });

const meta = {
  title: 'Elements/ss-profile-card',
  component: 'ss-profile-card',
  loaders: [async ({ parameters }) => ({ client: socialClient(parameters.social as SocialFixture) })],
  args: { userId: 'grace', theme: 'light' },
  argTypes: { theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] } },
  parameters: fixture({ profiles: { grace: GRACE_PROFILE } }),
  render: (args, { loaded }) =>
    html`<ss-profile-card .client=${loaded.client} user-id=${args.userId} theme=${args.theme}></ss-profile-card>`,
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** Stats in the reader's language; following updates the follower count at once. */
export const Default: Story = {};

/** A private profile, or one whose owner blocks the viewer. */
export const Unavailable: Story = { args: { userId: 'someone-private' } };

export const Loading: Story = { parameters: fixture({ hang: true }) };

export const Dark: Story = { ...dark, args: { theme: 'dark' } };
