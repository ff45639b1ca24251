import type { CommentSort } from '@sharestack/protocol';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  AUTHORS,
  type FixtureOptions,
  generateChain,
  generateThread,
  makeComment,
  VIEWER,
} from '../fixtures/index.js';
import { dark, fixtureLoader, loadedClient, type Theme } from './support.js';

interface CommentsArgs {
  contentId: string;
  sort: CommentSort;
  pageSize: number;
  theme: Theme;
}

const fixture = (options: FixtureOptions) => ({ fixture: options });
const thread = (count: number, seed = 1) => ({ 'post-1': generateThread(count, { seed }) });

const meta = {
  title: 'Elements/ss-comments',
  component: 'ss-comments',
  loaders: [fixtureLoader],
  args: { contentId: 'post-1', sort: 'best', pageSize: 20, theme: 'light' },
  argTypes: {
    sort: { control: 'select', options: ['best', 'new', 'old', 'top', 'hot', 'controversial'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  },
  parameters: fixture({ threads: thread(8), viewer: VIEWER }),
  render: (args, context) => html`
    <ss-comments
      .client=${loadedClient(context)}
      content-id=${args.contentId}
      sort=${args.sort}
      page-size=${args.pageSize}
      theme=${args.theme}
    ></ss-comments>
  `,
} satisfies Meta<CommentsArgs>;

export default meta;
type Story = StoryObj<CommentsArgs>;

/** A signed-in reader on a short thread: composer, replies, reactions. */
export const Default: Story = {};

export const Empty: Story = {
  parameters: fixture({ threads: {}, viewer: VIEWER }),
};

/** The first page never arrives. */
export const Loading: Story = {
  parameters: fixture({ mode: 'hang', viewer: VIEWER }),
};

/** 120 comments, 20 top-level ones per page: "load more" walks the cursor. */
export const LongThread: Story = {
  parameters: fixture({ threads: thread(120, 7), viewer: VIEWER }),
};

/** One chain of replies five levels deep, the default maximum depth. */
export const DeepThread: Story = {
  parameters: fixture({ threads: { 'post-1': generateChain(5) }, viewer: VIEWER }),
};

/** The server answers every request with a 500 problem. */
export const ServerError: Story = {
  name: 'Error',
  parameters: fixture({ mode: 'error', viewer: VIEWER }),
};

export const Dark: Story = {
  ...dark,
  args: { theme: 'dark' },
};

export const German: Story = {
  globals: { locale: 'de' },
};

/** Anonymous reader on a site that allows guests: the composer offers a guest name. */
export const GuestSignIn: Story = {
  parameters: fixture({ threads: thread(4, 2), viewer: null, site: { allow_guests: true } }),
};

/** Anonymous reader where guests are not allowed: read-only. */
export const Anonymous: Story = {
  parameters: fixture({ threads: thread(6, 3), viewer: null }),
};

const [, grace, alan, katherine] = AUTHORS;
const arriving = (id: string, author: (typeof AUTHORS)[number], text: string) => ({
  comment: makeComment({ id, author, comment_text: text, created_at: new Date().toISOString() }),
});

/**
 * Live: four people on the thread, Grace typing, then two new comments from others waiting behind
 * "Show 2 new comments" (the thread does not move until the reader asks).
 */
export const Live: Story = {
  args: { sort: 'new' },
  parameters: fixture({
    threads: thread(6),
    viewer: VIEWER,
    live: [
      {
        at: 300,
        event: 'presence',
        data: { count: 4, users: [grace, alan, katherine].map((a) => ({ id: a!.id, name: a!.name })) },
      },
      { at: 600, event: 'typing', data: { user: { id: grace!.id, name: grace!.name } } },
      {
        at: 1_500,
        event: 'new_comment',
        data: arriving('900001', grace!, 'Just saw this live, great thread!'),
      },
      { at: 2_500, event: 'typing', data: { user: { id: alan!.id, name: alan!.name } } },
      { at: 3_000, event: 'new_comment', data: arriving('900002', alan!, 'Agreed with Grace.') },
    ],
  }),
};
