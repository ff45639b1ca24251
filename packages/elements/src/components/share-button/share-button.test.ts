import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { socialOf } from '@sharestack/sdk';
import './share-button.js';
import { deepText, eventually } from '../../test/dom.js';
import { contentKey, serverFixture } from '../../test/fixtures.js';
import type { SsShareButton } from './share-button.component.js';

const main = (el: Element) => el.shadowRoot!.querySelector<HTMLButtonElement>('button.share')!;
const item = (el: Element, channel: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[data-channel=${channel}]`)!;

describe('<ss-share-button>', () => {
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
});
