import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { getLocale, setLocale } from '../../localization.js';
import { deepQuery, deepText, eventually } from '../../test/dom.js';
import { contentKey, serverFixture } from '../../test/fixtures.js';
import { commentByText, renderComments, settle } from '../../test/render.js';
import type { SsComments } from './comments.component.js';

// Runs in its own page, so the lang fallback test sees no earlier setLocale call.
describe('<ss-comments> theme and language', () => {
  it('follows the page language until setLocale is called', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    await fx.client('bob').comments.create({ content_id: post, comment_text: 'Hallo' });
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="de-AT">
      <ss-comments .client=${fx.client('alice')} content-id=${post}></ss-comments>
    </div>`);
    const el = wrapper.querySelector<SsComments>('ss-comments')!;
    await eventually(() => getLocale() === 'de', 'German never loaded');
    await eventually(() => deepQuery(el, 'ss-comment'));
    await settle(el);
    expect(deepText(el.shadowRoot!.querySelector('h2'))).to.equal('1 Kommentar');
    await setLocale('en');
  });

  it('renders German after setLocale("de")', async () => {
    await setLocale('de');
    const fx = await serverFixture();
    const post = contentKey();
    const a = await fx.client('bob').comments.create({ content_id: post, comment_text: 'Erster' });
    await fx
      .client('alice')
      .comments.create({ content_id: post, comment_text: 'Zweiter', parent_comment_id: a.id });
    const el = await renderComments(fx.client('alice'), post);
    try {
      expect(deepText(el.shadowRoot!.querySelector('h2'))).to.equal('2 Kommentare');
      expect(deepText(el.shadowRoot!.querySelector('.sort'))).to.contain('Sortieren nach');
      const mine = commentByText(el, 'Zweiter');
      expect(mine.shadowRoot!.querySelector('article')!.getAttribute('aria-label')).to.equal(
        'Kommentar von Alice Example',
      );
      expect(deepText(mine.shadowRoot!.querySelector('[data-action=edit]'))).to.equal('Bearbeiten');
      expect(deepText(mine.shadowRoot!.querySelector('time'))).to.match(/jetzt|Sekunde|Minute/);
      expect(deepText(deepQuery(el, 'ss-composer >>> [part=submit]'))).to.equal('Kommentieren');
      await expect(el).to.be.accessible();
    } finally {
      await setLocale('en');
    }
  });

  it('renders the dark theme from the attribute', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    await fx.client('bob').comments.create({ content_id: post, comment_text: 'In the dark' });
    const el = await renderComments(fx.client('alice'), post, { theme: 'dark' });
    const base = el.shadowRoot!.querySelector<HTMLElement>('[part=base]')!;
    expect(getComputedStyle(base).backgroundColor).to.equal('rgb(13, 17, 23)');
    expect(getComputedStyle(base).color).to.equal('rgb(230, 237, 243)');
    // Tokens reach nested comments and their reaction bars.
    const reactions = commentByText(el, 'In the dark').shadowRoot!.querySelector('ss-reactions')!;
    const button = reactions.shadowRoot!.querySelector('button')!;
    expect(getComputedStyle(button).backgroundColor).to.equal('rgb(13, 17, 23)');
    await expect(el).to.be.accessible();

    el.theme = 'light';
    await el.updateComplete;
    expect(getComputedStyle(base).backgroundColor).to.equal('rgb(255, 255, 255)');
  });

  it('switches theme at once when the reader asks for reduced motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      const fx = await serverFixture();
      const post = contentKey();
      await fx.client('bob').comments.create({ content_id: post, comment_text: 'No fades' });
      const el = await renderComments(fx.client('alice'), post, { theme: 'dark' });
      const reactions = commentByText(el, 'No fades').shadowRoot!.querySelector('ss-reactions')!;
      const button = reactions.shadowRoot!.querySelector('button')!;
      expect(getComputedStyle(button).backgroundColor).to.equal('rgb(13, 17, 23)');
      el.theme = 'light';
      await el.updateComplete;
      expect(getComputedStyle(button).backgroundColor).to.equal('rgb(255, 255, 255)');
      el.theme = 'dark';
      await el.updateComplete;
      expect(getComputedStyle(button).backgroundColor).to.equal('rgb(13, 17, 23)');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('follows the operating system with theme="auto"', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const fx = await serverFixture();
      const el = await renderComments(fx.client('alice'), contentKey(), { theme: 'auto' });
      const base = el.shadowRoot!.querySelector<HTMLElement>('[part=base]')!;
      expect(getComputedStyle(base).backgroundColor).to.equal('rgb(13, 17, 23)');
      await emulateMedia({ colorScheme: 'light' });
      expect(getComputedStyle(base).backgroundColor).to.equal('rgb(255, 255, 255)');
    } finally {
      await emulateMedia({ colorScheme: 'no-preference' });
    }
  });
});
