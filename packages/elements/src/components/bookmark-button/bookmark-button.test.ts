import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { socialOf } from '@sharestack/sdk';
import './bookmark-button.js';
import { deepText, eventually } from '../../test/dom.js';
import { contentKey, serverFixture } from '../../test/fixtures.js';
import type { SsBookmarkButton } from './bookmark-button.component.js';

const toggle = (el: Element) => el.shadowRoot!.querySelector<HTMLButtonElement>('button.toggle')!;
const edit = (el: Element) => el.shadowRoot!.querySelector<HTMLButtonElement>('button.edit')!;

describe('<ss-bookmark-button>', () => {
  it('bookmarks, files into a collection with notes, and removes', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    const alice = fx.client('alice');
    const el = await fixture<SsBookmarkButton>(
      html`<ss-bookmark-button .client=${alice} content-id=${post} content-title="A post"></ss-bookmark-button>`,
    );
    await eventually(() => !toggle(el).disabled, 'never enabled');
    expect(toggle(el).getAttribute('aria-pressed')).to.equal('false');
    await expect(el).to.be.accessible();

    let changed = oneEvent(el, 'ss-bookmark-changed');
    toggle(el).click();
    expect((await changed).detail).to.deep.equal({
      contentId: post,
      bookmarked: true,
      collection: 'default',
      notes: null,
    });
    await el.updateComplete;
    expect(toggle(el).getAttribute('aria-pressed')).to.equal('true');
    expect(deepText(toggle(el))).to.contain('Bookmarked');

    edit(el).click();
    await el.updateComplete;
    expect(edit(el).getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
    const root = el.shadowRoot!;
    root.querySelector<HTMLInputElement>('input[name=collection]')!.value = 'Read later';
    root.querySelector<HTMLTextAreaElement>('textarea[name=notes]')!.value = 'for the weekend';
    changed = oneEvent(el, 'ss-bookmark-changed');
    root.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect((await changed).detail).to.include({ collection: 'Read later', notes: 'for the weekend' });
    const server = await socialOf(alice).bookmarkOf(post);
    expect(server.bookmark).to.include({
      collection_name: 'Read later',
      notes: 'for the weekend',
      content_title: 'A post',
    });
    expect((await socialOf(alice).collections()).items).to.deep.equal([
      { collection_name: 'Read later', count: 1 },
    ]);

    changed = oneEvent(el, 'ss-bookmark-changed');
    toggle(el).click();
    expect((await changed).detail.bookmarked).to.be.false;
    expect((await socialOf(alice).bookmarkOf(post)).bookmark).to.be.null;
  });

  it('is inert for anonymous readers', async () => {
    const fx = await serverFixture();
    const el = await fixture<SsBookmarkButton>(
      html`<ss-bookmark-button .client=${fx.client()} content-id=${contentKey()}></ss-bookmark-button>`,
    );
    await eventually(() => toggle(el).title === 'Sign in to bookmark', 'no hint');
    expect(toggle(el).disabled).to.be.true;
    expect(edit(el)).to.be.null;
    await expect(el).to.be.accessible();
  });
});
