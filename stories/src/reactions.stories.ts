import type { TargetType } from '@sharestack/protocol';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { type FixtureOptions, makeComment, VIEWER } from '../fixtures/index.js';
import { dark, fixtureLoader, loadedClient, type Theme } from './support.js';

interface ReactionsArgs {
  targetType: TargetType;
  targetId: string;
  theme: Theme;
  disabled: boolean;
}

const fixture = (options: FixtureOptions) => ({ fixture: options });
const counts = { 'content:post-1': { like: 12, love: 3, insightful: 1 } };

const meta = {
  title: 'Elements/ss-reactions',
  component: 'ss-reactions',
  loaders: [fixtureLoader],
  args: { targetType: 'content', targetId: 'post-1', theme: 'light', disabled: false },
  argTypes: {
    targetType: { control: 'inline-radio', options: ['content', 'comment'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  },
  parameters: fixture({ reactions: counts, viewer: VIEWER }),
  render: (args, context) => html`
    <ss-reactions
      .client=${loadedClient(context)}
      target-type=${args.targetType}
      target-id=${args.targetId}
      theme=${args.theme}
      ?disabled=${args.disabled}
    ></ss-reactions>
  `,
} satisfies Meta<ReactionsArgs>;

export default meta;
type Story = StoryObj<ReactionsArgs>;

/** Signed in: pressing a reaction sets it, pressing another switches. */
export const Default: Story = {};

/** Anonymous readers see the counts. */
export const Anonymous: Story = {
  parameters: fixture({ reactions: counts, viewer: null }),
};

/** Reactions on one comment rather than on the page's content. */
export const OnComment: Story = {
  args: { targetType: 'comment', targetId: '42' },
  parameters: fixture({
    threads: { 'post-1': [makeComment({ id: '42', reactions: { like: 4, helpful: 2 } })] },
    viewer: VIEWER,
  }),
};

export const Dark: Story = {
  ...dark,
  args: { theme: 'dark' },
};

export const ServerError: Story = {
  name: 'Error',
  parameters: fixture({ mode: 'error', viewer: VIEWER }),
};
