import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { deepActiveElement, deepQuery, deepText, eventually, find, pressCtrlEnter } from '../../test/dom.js';
import { contentKey, serverFixture } from '../../test/fixtures.js';
import { commentByText, composerOf, renderComments, settle } from '../../test/render.js';
import type { SsComments } from './comments.component.js';

describe('<ss-comments> viewer', () => {
  it('signs a reader in as a guest and lets them comment', async () => {
    const fx = await serverFixture({ allow_guests: true });
    const el = await renderComments(fx.client(), contentKey());
    expect(deepQuery(el, 'ss-composer')).to.be.undefined;
    const input = await find<HTMLInputElement>(el, 'ss-guest-form >>> input');
    await expect(el).to.be.accessible();

    input.focus();
    await sendKeys({ type: 'Gina Guest' });
    const signedIn = oneEvent(el, 'ss-signed-in');
    await sendKeys({ press: 'Enter' });
    const { detail } = await signedIn;
    expect(detail.viewer.is_guest).to.be.true;
    await settle(el);
    expect(deepText(el.shadowRoot!.querySelector('.viewer-line'))).to.contain('Commenting as Gina Guest');
    expect(deepActiveElement()).to.equal(composerOf(el));

    await sendKeys({ type: 'Guest words' });
    const posted = oneEvent(el, 'ss-comment-posted');
    await pressCtrlEnter();
    await posted;
    await eventually(() => deepQuery(el, 'ss-comment >>> .body p'));
    await settle(el);
    expect(deepText(commentByText(el, 'Guest words').shadowRoot!.querySelector('.header'))).to.contain(
      'Guest',
    );
    await expect(el).to.be.accessible();
  });

  it('offers the signed-out slot when guests are not allowed', async () => {
    const fx = await serverFixture({ allow_guests: false });
    const el = await fixture<SsComments>(html`<ss-comments .client=${fx.client()} content-id=${contentKey()}>
      <button slot="signed-out">Log in with Example</button>
    </ss-comments>`);
    await eventually(() => el.shadowRoot!.querySelector('slot[name=signed-out]'), 'no slot');
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name=signed-out]')!;
    expect(slot.assignedElements()[0]?.textContent).to.equal('Log in with Example');
    expect(deepQuery(el, 'ss-guest-form')).to.be.undefined;
    expect(deepQuery(el, 'ss-composer')).to.be.undefined;
    await expect(el).to.be.accessible();
  });

  it('shows default sign-in text when the host fills no slot, and no reply buttons', async () => {
    const fx = await serverFixture({ allow_guests: false });
    const post = contentKey();
    await fx.client('alice').comments.create({ content_id: post, comment_text: 'Readable' });
    const el = await renderComments(fx.client(), post);
    expect(deepText(el.shadowRoot!.querySelector('.signed-out'))).to.equal('Sign in to join the discussion.');
    const readable = commentByText(el, 'Readable');
    expect(readable.shadowRoot!.querySelector('[data-action]')).to.be.null;
    const like = readable.shadowRoot!.querySelector('ss-reactions')!.shadowRoot!.querySelector('button')!;
    expect(like.disabled).to.be.true;
  });
});
