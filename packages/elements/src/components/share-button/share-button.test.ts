import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { socialOf } from '@sharestack/sdk';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import './share-button.js';
import { deepActiveElement, deepText, eventually } from '../../test/dom.js';
import { contentKey, serverFixture } from '../../test/fixtures.js';
import type { SsShareButton } from './share-button.component.js';

const main = (el: Element) => el.shadowRoot!.querySelector<HTMLButtonElement>('button.share')!;
const item = (el: Element, channel: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[data-channel=${channel}]`)!;

const menu = (el: Element) => el.shadowRoot!.querySelector<HTMLElement>('.menu');
const status = (el: Element) => deepText(el.shadowRoot!.querySelector('[role=status]'));

/** A real mouse click in the middle of `target`. */
async function clickOn(target: Element) {
  const box = target.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)],
  });
}

/** Seen by everyone, not only screen readers: a real box, not clipped to a pixel. */
const isVisible = (target: Element) => {
  const box = target.getBoundingClientRect();
  return (
    target.checkVisibility({ opacityProperty: true, visibilityProperty: true }) &&
    box.width > 20 &&
    box.height > 10
  );
};

/** `navigator.clipboard.writeText` answering as `answer` says for the test's duration. */
function stubClipboard(answer: (text: string) => Promise<void>) {
  const written: string[] = [];
  Object.defineProperty(navigator.clipboard, 'writeText', {
    configurable: true,
    value: (text: string) => {
      written.push(text);
      return answer(text);
    },
  });
  return written;
}

describe('<ss-share-button>', () => {
  afterEach(async () => {
    delete (navigator.clipboard as { writeText?: unknown }).writeText;
    await resetMouse();
  });

  it('offers a menu of channels and counts each share on the server', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    const el = await fixture<SsShareButton>(
      html`<ss-share-button
        .client=${fx.client()}
        content-id=${post}
        url="https://example.com/a?b=1"
        share-title="A post"
        show-count
        no-native
      ></ss-share-button>`,
    );
    await eventually(() => deepText(el.shadowRoot!).includes('0 shares'), 'no count');
    await expect(el).to.be.accessible();
    main(el).click();
    await el.updateComplete;
    expect(main(el).getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
    const x = item(el, 'x') as HTMLAnchorElement;
    expect(x.href).to.equal(
      'https://x.com/intent/post?url=https%3A%2F%2Fexample.com%2Fa%3Fb%3D1&text=A%20post',
    );
    expect((item(el, 'email') as HTMLAnchorElement).href).to.equal(
      'mailto:?subject=A%20post&body=https%3A%2F%2Fexample.com%2Fa%3Fb%3D1',
    );
    // Keep the test page where it is; the element's own handler still runs.
    x.addEventListener('click', (e) => e.preventDefault());
    const shared = oneEvent(el, 'ss-share');
    x.click();
    expect((await shared).detail).to.deep.equal({
      contentId: post,
      channel: 'x',
      url: 'https://example.com/a?b=1',
    });
    await eventually(() => deepText(el.shadowRoot!).includes('1 share'), 'count not updated');

    main(el).click();
    await el.updateComplete;
    const copied = oneEvent(el, 'ss-share');
    (item(el, 'copy') as HTMLButtonElement).click();
    expect((await copied).detail.channel).to.equal('copy');
    await eventually(() => deepText(el.shadowRoot!).includes('2 shares'), 'count not updated');
    // The count shows at once (optimistic); the server has it when the request completes.
    let summary = await socialOf(fx.client()).shares(post);
    for (let i = 0; i < 50 && summary.share_count < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      summary = await socialOf(fx.client()).shares(post);
    }
    expect(summary).to.deep.include({
      share_count: 2,
      channels: { x: 1, copy: 1 },
      share_url: 'https://example.com/a?b=1',
    });
  });

  it('closes the menu with Escape and returns focus', async () => {
    const fx = await serverFixture();
    const el = await fixture<SsShareButton>(
      html`<ss-share-button .client=${fx.client()} content-id=${contentKey()} no-native></ss-share-button>`,
    );
    main(el).click();
    await el.updateComplete;
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await el.updateComplete;
    expect(main(el).getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.activeElement).to.equal(main(el));
  });

  it('closes the menu with the Escape key from inside it, returning focus to the button', async () => {
    const fx = await serverFixture();
    const el = await fixture<SsShareButton>(
      html`<ss-share-button .client=${fx.client()} content-id=${contentKey()} no-native></ss-share-button>`,
    );
    main(el).focus();
    await sendKeys({ press: 'Enter' });
    await eventually(() => menu(el), 'never opened');
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(item(el, 'copy'));
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(menu(el)).to.be.null;
    expect(main(el).getAttribute('aria-expanded')).to.equal('false');
    expect(deepActiveElement()).to.equal(main(el));
  });

  it('closes the menu on a click elsewhere, not on one inside it', async () => {
    const fx = await serverFixture();
    const page = await fixture<HTMLDivElement>(html`<div>
      <ss-share-button .client=${fx.client()} content-id=${contentKey()} no-native></ss-share-button>
      <p style="margin-top: 20rem">Elsewhere</p>
    </div>`);
    const el = page.querySelector<SsShareButton>('ss-share-button')!;
    await clickOn(main(el));
    await eventually(() => menu(el), 'never opened');
    // (Not a real click in the menu: one that landed on a network's link would leave the page.)
    menu(el)!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(menu(el), 'a click in the menu closed it').not.to.be.null;
    await clickOn(page.querySelector('p')!);
    await el.updateComplete;
    expect(menu(el)).to.be.null;
    expect(main(el).getAttribute('aria-expanded')).to.equal('false');
  });

  it('shows "Link copied" in the menu for a moment, and tells screen readers', async () => {
    const fx = await serverFixture();
    const written = stubClipboard(() => Promise.resolve());
    const el = await fixture<SsShareButton>(
      html`<ss-share-button .client=${fx.client()} content-id=${contentKey()} url="https://example.com/c" no-native></ss-share-button>`,
    );
    await clickOn(main(el));
    await eventually(() => menu(el), 'never opened');
    await clickOn(item(el, 'copy'));
    await eventually(() => deepText(item(el, 'copy')).includes('Link copied'), 'no visible confirmation');
    expect(written).to.deep.equal(['https://example.com/c']);
    expect(isVisible(item(el, 'copy'))).to.be.true;
    expect(status(el)).to.equal('Link copied');
    await expect(el).to.be.accessible();
    // Then the menu closes by itself, focus back on the button.
    await eventually(() => !menu(el), 'the menu never closed');
    expect(deepActiveElement()).to.equal(main(el));
    await clickOn(main(el));
    await eventually(() => menu(el), 'never reopened');
    expect(deepText(item(el, 'copy'))).to.equal('Copy link');
  });

  it('shows the link, selected, where the clipboard cannot be written', async () => {
    const fx = await serverFixture();
    stubClipboard(() => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')));
    const el = await fixture<SsShareButton>(
      html`<ss-share-button .client=${fx.client()} content-id=${contentKey()} url="https://example.com/d?e=1" no-native></ss-share-button>`,
    );
    await clickOn(main(el));
    await eventually(() => menu(el), 'never opened');
    const shared = oneEvent(el, 'ss-share');
    await clickOn(item(el, 'copy'));
    expect((await shared).detail.channel).to.equal('copy');
    const field = () => el.shadowRoot!.querySelector<HTMLInputElement>('input.url');
    await eventually(() => field(), 'the link was never shown');
    const link = field()!;
    expect(link.value).to.equal('https://example.com/d?e=1');
    expect(link.readOnly).to.be.true;
    expect(isVisible(link)).to.be.true;
    expect(deepActiveElement()).to.equal(link);
    expect([link.selectionStart, link.selectionEnd]).to.deep.equal([0, link.value.length]);
    expect(status(el)).to.equal('Copy this link: https://example.com/d?e=1');
    // It stays until the viewer is done with it.
    await new Promise((r) => setTimeout(r, 2500));
    expect(field()).not.to.be.null;
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(menu(el)).to.be.null;
    expect(deepActiveElement()).to.equal(main(el));
    await clickOn(main(el));
    await eventually(() => menu(el), 'never reopened');
    expect(field()).to.be.null;
    expect(deepText(item(el, 'copy'))).to.equal('Copy link');
  });
});
