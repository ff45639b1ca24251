import { expect } from '@open-wc/testing';
import { moderationOf } from '@sharestack/sdk';
import { sendKeys } from '@web/test-runner-commands';
import { deepText, eventually, pressCtrlEnter } from '../../test/dom.js';
import { contentKey, serverFixture } from '../../test/fixtures.js';
import { commentByText, composerOf, renderComments, topLevelTexts } from '../../test/render.js';
import type { SsComments } from './comments.component.js';

const part = (el: SsComments, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~=${name}]`);

describe('<ss-comments> and a shadow-banned author', () => {
  it('shows the author their comment as published, and nobody else, live or on reload', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    await fx.client('bob').comments.create({ content_id: post, comment_text: 'Before the ban' });
    await moderationOf(fx.client('mod')).ban({ user_id: 'alice', kind: 'shadow_ban' });
    const alice = await renderComments(fx.client('alice'), post, { sort: 'new' });
    const bob = await renderComments(fx.client('bob'), post, { sort: 'new' });

    composerOf(alice).focus();
    await sendKeys({ type: 'Into the void' });
    await pressCtrlEnter();
    await eventually(() => topLevelTexts(alice)[0] === 'Into the void', 'alice does not see her comment');
    // To its author it looks like any published comment: no "awaiting approval".
    // The optimistic item gives way to the server's (a new element, keyed by the real id).
    await eventually(() => !commentByText(alice, 'Into the void').comment.pending, 'still posting');
    const own = commentByText(alice, 'Into the void');
    await own.updateComplete;
    expect(own.comment.is_approved).to.be.true;
    expect(deepText(own.shadowRoot!.querySelector('article'))).not.to.include('Awaiting approval');

    // A visible comment posted afterwards reaches the others live: the hidden one never does.
    await fx.client('mod').comments.create({ content_id: post, comment_text: 'After the ban' });
    await eventually(() => part(bob, 'incoming'), 'no incoming button');
    expect(deepText(part(bob, 'incoming'))).to.equal('Show 1 new comment');
    part(bob, 'incoming')!.click();
    await eventually(() => topLevelTexts(bob).includes('After the ban'), 'live comment not shown');
    expect(topLevelTexts(bob)).to.deep.equal(['After the ban', 'Before the ban']);
    expect(deepText(part(bob, 'heading'))).to.equal('2 comments');

    // Nor on a fresh load, for a reader or anonymously.
    for (const client of [fx.client('bob'), fx.client(null)]) {
      const fresh = await renderComments(client, post, { sort: 'new' });
      expect(topLevelTexts(fresh)).to.deep.equal(['After the ban', 'Before the ban']);
    }
  });
});
