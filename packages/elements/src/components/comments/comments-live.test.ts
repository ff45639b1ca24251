import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { connectionQuality, LOADING } from '../../internal/adaptive.js';
import { deepActiveElement, deepQuery, deepText, eventually, pressCtrlEnter } from '../../test/dom.js';
import { contentKey, serverFixture } from '../../test/fixtures.js';
import {
  commentByText,
  composerOf,
  liveRegion,
  renderComments,
  settle,
  topLevelTexts,
} from '../../test/render.js';
import type { SsComments } from './comments.component.js';

const part = (el: SsComments, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~=${name}]`);

describe('<ss-comments> live', () => {
  it("holds others' new comments behind a button, and updates edits, reactions and deletions in place", async () => {
    const fx = await serverFixture();
    const post = contentKey();
    const aliceClient = fx.client('alice');
    await aliceClient.comments.create({ content_id: post, comment_text: 'Already here' });
    const alice = await renderComments(aliceClient, post, { sort: 'new' });
    const bob = await renderComments(fx.client('bob'), post, { sort: 'new' });

    // Both are on the thread: presence says so on each side.
    await eventually(() => part(bob, 'presence')?.textContent?.includes('2 people here'), 'no presence');
    await eventually(
      () => part(alice, 'presence')?.textContent?.includes('2 people here'),
      'no presence for alice',
    );

    // Alice types: Bob sees who.
    composerOf(alice).focus();
    await sendKeys({ type: 'Live from Alice' });
    await eventually(() => deepText(part(bob, 'typing')) === 'Alice Example is typing…', 'no typing line');
    expect(part(alice, 'typing')).to.be.null;

    await pressCtrlEnter();
    await eventually(() => topLevelTexts(alice)[0] === 'Live from Alice', 'alice does not see her comment');
    // Bob's thread does not move: the new comment waits behind a button.
    await eventually(() => part(bob, 'incoming'), 'no incoming button');
    // What Alice was typing has arrived: the typing line goes with it, not seconds later.
    expect(deepText(part(bob, 'typing'))).to.equal('');
    expect(deepText(part(bob, 'incoming'))).to.equal('Show 1 new comment');
    expect(topLevelTexts(bob)).to.deep.equal(['Already here']);
    expect(deepText(part(bob, 'heading'))).to.equal('2 comments');
    await eventually(() => liveRegion(bob).includes('Show 1 new comment'), 'not announced');
    await expect(bob).to.be.accessible();

    part(bob, 'incoming')!.click();
    await eventually(() => topLevelTexts(bob)[0] === 'Live from Alice', 'not shown');
    await settle(bob);
    expect(part(bob, 'incoming')).to.be.null;
    // Focus goes to the first new comment (compared as a boolean: chai would print the element).
    await eventually(
      () => commentByText(bob, 'Live from Alice').shadowRoot!.contains(deepActiveElement()),
      'not focused',
    );

    // Changes from elsewhere land in place.
    const live = (await aliceClient.comments.list(post, { sort: 'new' })).items[0]!;
    await aliceClient.comments.update(live.id, 'Live, edited');
    await eventually(() => topLevelTexts(bob)[0] === 'Live, edited', 'edit not live');
    await fx.client('mod').comments.react(live.id, 'love');
    await eventually(
      () => deepText(deepQuery(commentByText(bob, 'Live, edited'), 'ss-reactions')).includes('1'),
      'reaction not live',
    );
    await aliceClient.comments.remove(live.id);
    // Removed for good, but the reader sees a tombstone in its place: nothing jumps.
    await eventually(() => topLevelTexts(bob)[0] === '', 'deletion not live');
    expect(
      deepText(bob.shadowRoot!.querySelector('.thread > ss-comment')!.shadowRoot!.querySelector('article')),
    ).to.contain('This comment was deleted');
    expect(deepText(part(bob, 'heading'))).to.equal('1 comment');
    await expect(bob).to.be.accessible();
  });

  it('loads once without a socket when live="off"', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    const client = fx.client('alice');
    const el = await renderComments(client, post);
    el.live = false;
    await el.updateComplete;
    await eventually(() => client.realtime.$status.get() === 'closed', 'socket still open');
  });
});

describe('adaptive loading', () => {
  const nav = (connection?: object) => ({ connection }) as unknown as Navigator;

  it('reads Save-Data and the effective connection type', () => {
    expect(connectionQuality(nav())).to.equal('medium');
    expect(connectionQuality(nav({ effectiveType: '4g' }))).to.equal('high');
    expect(connectionQuality(nav({ effectiveType: '4g', saveData: true }))).to.equal('low');
    expect(connectionQuality(nav({ effectiveType: '3g' }))).to.equal('medium');
    expect(connectionQuality(nav({ effectiveType: '2g' }))).to.equal('low');
    expect(connectionQuality(nav({ effectiveType: 'slow-2g' }))).to.equal('low');
    expect(LOADING.low).to.deep.equal({ limit: 15, replies: false });
  });

  it('asks for the page size the connection calls for when none is set', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    const client = fx.client();
    const seen: string[] = [];
    const original = window.fetch;
    window.fetch = (input, init) => {
      seen.push(String(input instanceof Request ? input.url : input));
      return original(input, init);
    };
    try {
      const el = document.createElement('ss-comments') as SsComments;
      el.client = client;
      el.contentId = post;
      document.body.append(el);
      await eventually(() => seen.some((u) => u.includes(`/comments/${post}`)), 'no thread request');
      el.remove();
    } finally {
      window.fetch = original;
    }
    const limit = new URL(seen.find((u) => u.includes(`/comments/${post}`))!).searchParams.get('limit');
    expect(limit).to.equal(String(LOADING[connectionQuality()].limit));
  });
});
