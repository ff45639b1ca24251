import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  arrives,
  longInbox,
  makeNotification,
  type NotificationFixture,
  notificationClient,
  sampleInbox,
} from '../fixtures/index.js';
import { dark, type Theme } from './support.js';

interface ListArgs {
  theme: Theme;
  view: 'all' | 'unread' | 'archived';
  type: string;
  pageSize: number;
  fixture: NotificationFixture;
}

const meta = {
  title: 'Elements/ss-notification-list',
  component: 'ss-notification-list',
  args: { theme: 'light', view: 'all', type: '', pageSize: 20, fixture: {} },
  argTypes: {
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    view: { control: 'inline-radio', options: ['all', 'unread', 'archived'] },
    fixture: { table: { disable: true } },
  },
  render: (args) => html`
    <ss-notification-list
      style="max-width:42rem"
      .client=${notificationClient(args.fixture)}
      theme=${args.theme}
      view=${args.view}
      type=${args.type}
      page-size=${args.pageSize}
      @ss-notification-click=${(e: Event) => e.preventDefault()}
    ></ss-notification-list>
  `,
} satisfies Meta<ListArgs>;

export default meta;
type Story = StoryObj<ListArgs>;

/** Unread items first in weight; each has Mark as read/unread, Archive and Delete. */
export const Default: Story = {};

export const Unread: Story = { args: { view: 'unread' } };

export const Archived: Story = {
  args: {
    view: 'archived',
    fixture: {
      items: sampleInbox().map((n, i) => ({ ...n, is_archived: i > 2, is_read: i > 2 || n.is_read })),
    },
  },
};

export const Grouped: Story = {
  args: {
    fixture: {
      items: [
        makeNotification('like', { people: 23, minutesAgo: 3 }),
        makeNotification('follow', { people: 4, minutesAgo: 40 }),
        makeNotification('reply', { people: 2, minutesAgo: 400 }),
      ],
    },
  },
};

export const Empty: Story = { args: { fixture: { items: [] } } };

export const Loading: Story = { args: { fixture: { mode: 'hang' } } };

export const ServerError: Story = { args: { fixture: { mode: 'error' } } };

/** 45 items in pages of 10: "Load more". */
export const LongList: Story = { args: { pageSize: 10, fixture: { items: longInbox() } } };

export const Dark: Story = { ...dark, args: { theme: 'dark' } };

export const German: Story = { globals: { locale: 'de' } };

export const SignedOut: Story = { args: { fixture: { viewer: null } } };

/** Live: new notifications arrive at the top while the inbox is open. */
export const Live: Story = {
  args: {
    fixture: {
      live: [
        arrives(1_000, makeNotification('follow', { created_at: new Date().toISOString() }), 4),
        arrives(3_000, makeNotification('reply', { created_at: new Date().toISOString() }), 5),
      ],
    },
  },
};
