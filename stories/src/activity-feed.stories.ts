import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { FEED, GRACE_TIMELINE, type SocialFixture, socialClient } from './social-fixture.js';
import { dark, type Theme } from './support.js';

interface Args {
  userId: string;
  theme: Theme;
}

const fixture = (f: SocialFixture) => ({ social: f });

const meta = {
  title: 'Elements/ss-activity-feed',
  component: 'ss-activity-feed',
  loaders: [async ({ parameters }) => ({ client: socialClient(parameters.social as SocialFixture) })],
  args: { userId: '', theme: 'light' },
  argTypes: { theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] } },
  parameters: fixture({ feed: FEED, timelines: { grace: GRACE_TIMELINE } }),
  render: (args, { loaded }) => html`<ss-activity-feed
    .client=${loaded.client}
    user-id=${args.userId || undefined}
    theme=${args.theme}
  ></ss-activity-feed>`,
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** The personal feed: grouped likes, a creator update, a follow. */
export const PersonalFeed: Story = {};

/** One user's timeline, as their privacy settings allow. */
export const Timeline: Story = { args: { userId: 'grace' } };

export const Empty: Story = { parameters: fixture({ feed: [] }) };

export const SignedOut: Story = { parameters: fixture({ viewer: null }) };

export const Dark: Story = { ...dark, args: { theme: 'dark' } };
