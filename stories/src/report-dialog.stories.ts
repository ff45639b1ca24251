import { SsReportDialog } from '@sharestack/elements';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { type FixtureOptions, generateThread, VIEWER } from '../fixtures/index.js';
import { dark, fixtureLoader, loadedClient, type Theme } from './support.js';

// <ss-comment> loads and registers it when a reader presses Report; the story registers it itself.
if (!customElements.get('ss-report-dialog')) customElements.define('ss-report-dialog', SsReportDialog);

interface ReportArgs {
  theme: Theme;
}

const fixture = (options: FixtureOptions) => ({
  fixture: {
    threads: { 'post-1': generateThread(4, { seed: 3 }) },
    viewer: VIEWER,
    latency: 400,
    ...options,
  },
});

const meta = {
  title: 'Elements/ss-report-dialog',
  component: 'ss-report-dialog',
  loaders: [fixtureLoader],
  args: { theme: 'light' },
  argTypes: { theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] } },
  parameters: fixture({}),
  // As readers meet it: press "Report" under a comment of the thread.
  render: (args, context) => html`
    <ss-comments .client=${loadedClient(context)} content-id="post-1" sort="old" theme=${args.theme}></ss-comments>
  `,
} satisfies Meta<ReportArgs>;

export default meta;
type Story = StoryObj<ReportArgs>;

/** Press "Report" under someone else's comment: pick a reason, add details, send. */
export const FromTheThread: Story = {};

/** The site's threshold is one report: the confirmation says the comment is now hidden. */
export const HidesAtOnce: Story = { parameters: fixture({ reports: 'hide' }) };

/** The dialog on its own, open (send twice to see "already reported"). */
export const Open: Story = {
  render: (_args, context) => html`
    <ss-report-dialog .client=${loadedClient(context)} .commentId=${'1'} .authorName=${'Bob Builder'}></ss-report-dialog>
  `,
};

export const Dark: Story = { ...dark, args: { theme: 'dark' } };
