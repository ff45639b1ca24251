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

interface BellArgs {
  theme: Theme;
  open: boolean;
  limit: number;
  inboxUrl: string;
  fixture: NotificationFixture;
}

const meta = {
  title: 'Elements/ss-notification-bell',
  component: 'ss-notification-bell',
  args: { theme: 'light', open: false, limit: 8, inboxUrl: '#inbox', fixture: {} },
  argTypes: {
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    fixture: { table: { disable: true } },
  },
  // The dropdown opens to the inline end of the bell: leave it room.
  render: (args) => html`
    <div style="display:flex;justify-content:flex-end;align-items:flex-start;min-height:32rem;max-width:40rem">
      <ss-notification-bell
        .client=${notificationClient(args.fixture)}
        theme=${args.theme}
        ?open=${args.open}
        limit=${args.limit}
        inbox-url=${args.inboxUrl}
        @ss-notification-click=${(e: Event) => e.preventDefault()}
      ></ss-notification-bell>
    </div>
  `,
} satisfies Meta<BellArgs>;

export default meta;
type Story = StoryObj<BellArgs>;

/** Three unread: the badge, and the label "Notifications, 3 unread". Press Enter to open; ↓/↑ move; Escape closes. */
export const Default: Story = {};

export const Open: Story = { args: { open: true } };

/** "Ada Lovelace and 4 others liked your comment": one item per group. */
export const Grouped: Story = {
  args: {
    open: true,
    fixture: {
      items: [
        makeNotification('like', { people: 5, minutesAgo: 1 }),
        makeNotification('follow', { people: 12, minutesAgo: 30 }),
        makeNotification('comment', { people: 2, minutesAgo: 90 }),
      ],
    },
  },
};

export const Empty: Story = { args: { open: true, fixture: { items: [] } } };

export const Loading: Story = { args: { open: true, fixture: { mode: 'hang' } } };

export const ServerError: Story = { args: { open: true, fixture: { mode: 'error' } } };

/** 45 items, 30 unread: "99+" is not reached, the dropdown shows the latest eight and links to the inbox. */
export const LongList: Story = { args: { open: true, fixture: { items: longInbox() } } };

export const Dark: Story = { ...dark, args: { theme: 'dark', open: true } };

export const German: Story = { globals: { locale: 'de' }, args: { open: true } };

/** Signed out: the bell is not shown. */
export const SignedOut: Story = { args: { fixture: { viewer: null } } };

const grown = sampleInbox()[0]!;
/**
 * Live: a follow arrives after a second, then the likes group grows (same item, moved to the top,
 * "and 5 others"), then a mention. Screen readers hear each one.
 */
export const Live: Story = {
  args: {
    open: true,
    fixture: {
      items: [grown, ...sampleInbox().slice(1)],
      live: [
        arrives(1_000, makeNotification('follow', { created_at: new Date().toISOString() }), 4),
        arrives(2_500, { ...grown, actor_count: 6, count: 6, created_at: new Date().toISOString() }, 4),
        arrives(4_000, makeNotification('mention', { created_at: new Date().toISOString() }), 5),
      ],
    },
  },
};
