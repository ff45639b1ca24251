import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { type FixtureOptions, fixtureClient, generateThread, VIEWER } from '../fixtures/index.js';
import { fixtureLoader, loadedClient } from './support.js';

const fixture = (options: FixtureOptions) => ({ fixture: options });

/**
 * `<ss-provider>` hands one client to every ShareStack element inside it. On a real page it is
 * built from attributes: `<ss-provider base-url="https://comments.example.com" site="SITE"
 * token="JWT">`; here it gets a fixture client through `.client`.
 */
const meta = {
  title: 'Elements/ss-provider',
  component: 'ss-provider',
  loaders: [fixtureLoader],
  parameters: fixture({
    threads: { 'post-1': generateThread(5, { seed: 4 }) },
    reactions: { 'content:post-1': { like: 7, helpful: 2 } },
    viewer: VIEWER,
  }),
  render: (_args, context) => html`
    <ss-provider .client=${loadedClient(context)}>
      <article>
        <h2>A blog post</h2>
        <p>Everything below gets its client from the provider.</p>
        <ss-reactions target-type="content" target-id="post-1"></ss-reactions>
        <ss-comments content-id="post-1"></ss-comments>
      </article>
    </ss-provider>
  `,
} satisfies Meta;

export default meta;
type Story = StoryObj;

export const Usage: Story = {};

/** An element's own `.client` wins over the provider's: here a second, anonymous site. */
export const OwnClientWins: Story = {
  render: (_args, context) => html`
    <ss-provider .client=${loadedClient(context)}>
      <p>From the provider:</p>
      <ss-reactions target-type="content" target-id="post-1"></ss-reactions>
      <p>From its own <code>.client</code>:</p>
      <ss-reactions
        .client=${fixtureClient({ reactions: { 'content:post-1': { love: 99 } } })}
        target-type="content"
        target-id="post-1"
      ></ss-reactions>
    </ss-provider>
  `,
};
