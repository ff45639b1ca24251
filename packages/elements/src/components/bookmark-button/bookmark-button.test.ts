import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { socialOf } from '@sharestack/sdk';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import './bookmark-button.js';
import '../share-button/share-button.js';
import { deepActiveElement, deepText, eventually } from '../../test/dom.js';
import { contentKey, serverFixture } from '../../test/fixtures.js';
import type { SsShareButton } from '../share-button/share-button.component.js';
import type { SsBookmarkButton } from './bookmark-button.component.js';

const toggle = (el: Element) => el.shadowRoot!.querySelector<HTMLButtonElement>('button.toggle')!;
const edit = (el: Element) => el.shadowRoot!.querySelector<HTMLButtonElement>('button.edit')!;
const panel = (el: Element) => el.shadowRoot!.querySelector<HTMLFormElement>('.panel');
const notes = (el: Element) => el.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea[name=notes]')!;

/** A real mouse click in the middle of `target` (pointerdown, focus, click, as a viewer's). */
async function clickOn(target: Element) {
  const box = target.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)],
  });
}

const boxOf = (target: Element) => {
  const { top, left, width, height } = target.getBoundingClientRect();
  return { top, left, width, height };
};

/** The demo page's row of post actions: reactions, bookmark and share side by side, text below. */
async function actionsRow(client: SsBookmarkButton['client']) {
  const post = contentKey();
  const page = await fixture<HTMLDivElement>(html`<div style="width: 40rem">
    <div class="actions" style="display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center">
      <button type="button" class="before">👍 Like</button>
      <ss-bookmark-button .client=${client} content-id=${post}></ss-bookmark-button>
      <ss-share-button .client=${client} content-id=${post} url="https://example.com/p" no-native></ss-share-button>
    </div>
    <p class="below">The text under the post.</p>
  </div>`);
  const bookmark = page.querySelector<SsBookmarkButton>('ss-bookmark-button')!;
  const share = page.querySelector<SsShareButton>('ss-share-button')!;
  await eventually(() => edit(bookmark) && !edit(bookmark).disabled, 'never enabled');
  return { page, bookmark, share };
}

describe('<ss-bookmark-button>', () => {
  afterEach(() => resetMouse());

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

  it('opens its panel over the page, moving nothing in the row or below it', async () => {
    const fx = await serverFixture();
    const { page, bookmark, share } = await actionsRow(fx.client('alice'));
    const row = page.querySelector('.actions')!;
    const before = page.querySelector('.before')!;
    const below = page.querySelector('.below')!;
    const shareButton = share.shadowRoot!.querySelector('button.share')!;
    const layout = () => ({
      row: boxOf(row),
      before: boxOf(before),
      host: boxOf(bookmark),
      share: boxOf(shareButton),
      below: boxOf(below),
    });
    const closed = layout();

    await clickOn(edit(bookmark));
    await bookmark.updateComplete;
    expect(edit(bookmark).getAttribute('aria-expanded')).to.equal('true');
    expect(layout()).to.deep.equal(closed);
    // It is there to be seen: under the buttons, over the text below the row.
    const box = panel(bookmark)!.getBoundingClientRect();
    expect(box.height).to.be.greaterThan(50);
    expect(box.top).to.be.at.least(edit(bookmark).getBoundingClientRect().bottom);
    expect(box.bottom).to.be.greaterThan(below.getBoundingClientRect().top);
    const [x, y] = [box.left + 10, below.getBoundingClientRect().top + 2];
    expect(panel(bookmark)!.contains(bookmark.shadowRoot!.elementFromPoint(x, y))).to.be.true;
    // Focus goes to its first field.
    expect(deepActiveElement()).to.equal(bookmark.shadowRoot!.querySelector('input[name=collection]'));
    await expect(bookmark).to.be.accessible();
  });

  it('closes with Escape, dropping what was typed, and returns focus to its button', async () => {
    const fx = await serverFixture();
    const { bookmark } = await actionsRow(fx.client('alice'));
    await clickOn(edit(bookmark));
    await eventually(() => panel(bookmark), 'never opened');
    notes(bookmark).focus();
    await sendKeys({ type: 'half a thought' });
    await sendKeys({ press: 'Escape' });
    await bookmark.updateComplete;
    expect(panel(bookmark)).to.be.null;
    expect(edit(bookmark).getAttribute('aria-expanded')).to.equal('false');
    expect(deepActiveElement()).to.equal(edit(bookmark));

    await sendKeys({ press: 'Enter' });
    await eventually(() => panel(bookmark), 'Enter never reopened it');
    expect(notes(bookmark).value).to.equal('');
    // Escape with focus nowhere in particular closes it too.
    (deepActiveElement() as HTMLElement).blur();
    await sendKeys({ press: 'Escape' });
    await bookmark.updateComplete;
    expect(panel(bookmark)).to.be.null;
  });

  it('closes on a click elsewhere, keeping what was typed for the next opening', async () => {
    const fx = await serverFixture();
    const alice = fx.client('alice');
    const { page, bookmark } = await actionsRow(alice);
    await clickOn(edit(bookmark));
    await eventually(() => panel(bookmark), 'never opened');
    // Clicks inside the panel keep it open.
    await clickOn(notes(bookmark));
    await sendKeys({ type: 'read on the train' });
    expect(panel(bookmark)).not.to.be.null;

    await clickOn(page.querySelector('.before')!);
    await bookmark.updateComplete;
    expect(panel(bookmark)).to.be.null;
    expect(edit(bookmark).getAttribute('aria-expanded')).to.equal('false');
    // Nothing was saved…
    expect((await socialOf(alice).bookmarkOf(bookmark.contentId)).bookmark).to.be.null;

    // …and nothing was lost.
    await clickOn(edit(bookmark));
    await eventually(() => panel(bookmark), 'never reopened');
    expect(notes(bookmark).value).to.equal('read on the train');
    const changed = oneEvent(bookmark, 'ss-bookmark-changed');
    bookmark.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect((await changed).detail).to.include({ bookmarked: true, notes: 'read on the train' });
    expect(deepActiveElement()).to.equal(edit(bookmark));

    // Cancel drops an edit.
    await clickOn(edit(bookmark));
    await eventually(() => panel(bookmark), 'never reopened');
    notes(bookmark).value = 'changed my mind';
    await clickOn(bookmark.shadowRoot!.querySelector('button[type=button].btn')!);
    await bookmark.updateComplete;
    expect(panel(bookmark)).to.be.null;
    expect(deepActiveElement()).to.equal(edit(bookmark));
    await clickOn(edit(bookmark));
    await eventually(() => panel(bookmark), 'never reopened');
    expect(notes(bookmark).value).to.equal('read on the train');
  });

  it('is never open at the same time as the share menu', async () => {
    const fx = await serverFixture();
    const { bookmark, share } = await actionsRow(fx.client('alice'));
    const shareButton = share.shadowRoot!.querySelector<HTMLButtonElement>('button.share')!;
    const menu = () => share.shadowRoot!.querySelector('.menu');

    await clickOn(shareButton);
    await eventually(() => menu(), 'the share menu never opened');
    await clickOn(edit(bookmark));
    await eventually(() => panel(bookmark), 'the panel never opened');
    expect(menu()).to.be.null;
    expect(shareButton.getAttribute('aria-expanded')).to.equal('false');

    await clickOn(shareButton);
    await eventually(() => menu(), 'the share menu never reopened');
    expect(panel(bookmark)).to.be.null;

    // From the keyboard: Tab out of the menu to the bookmark's buttons closes it.
    await sendKeys({ press: 'Escape' });
    await clickOn(edit(bookmark));
    await eventually(() => panel(bookmark), 'the panel never reopened');
    // Collection, notes, Cancel, Save, then out of the panel to Share.
    for (let i = 0; i < 4; i++) await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(shareButton);
    await bookmark.updateComplete;
    expect(panel(bookmark)).to.be.null;
  });
});
