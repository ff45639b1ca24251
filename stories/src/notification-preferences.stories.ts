import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { type NotificationFixture, notificationClient } from '../fixtures/index.js';
import { dark, type Theme } from './support.js';

interface PreferencesArgs {
  theme: Theme;
  fixture: NotificationFixture;
}

const meta = {
  title: 'Elements/ss-notification-preferences',
  component: 'ss-notification-preferences',
  args: { theme: 'light', fixture: {} },
  argTypes: {
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    fixture: { table: { disable: true } },
  },
  render: (args) => html`
    <ss-notification-preferences
      style="max-width:40rem"
      .client=${notificationClient(args.fixture)}
      theme=${args.theme}
    ></ss-notification-preferences>
  `,
} satisfies Meta<PreferencesArgs>;

export default meta;
type Story = StoryObj<PreferencesArgs>;

/** Every channel available: toggles save at once ("Saved" is announced). */
export const Default: Story = {};

/** No SMTP or no known address: the email column and frequency are disabled, with the reason. */
export const EmailUnavailable: Story = {
  args: { fixture: { preferences: { email_available: false } } },
};

/** No VAPID keys on the server: push is disabled, with the reason. */
export const PushUnavailable: Story = {
  args: { fixture: { preferences: { push_available: false } } },
};

export const NothingAvailable: Story = {
  args: { fixture: { preferences: { email_available: false, push_available: false } } },
};

export const Loading: Story = { args: { fixture: { mode: 'hang' } } };

export const ServerError: Story = { args: { fixture: { mode: 'error' } } };

export const Dark: Story = { ...dark, args: { theme: 'dark' } };

export const German: Story = { globals: { locale: 'de' } };

export const SignedOut: Story = { args: { fixture: { viewer: null } } };
