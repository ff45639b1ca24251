import { expect, fixture, html } from '@open-wc/testing';
import '../../define.js';
import { getDefaultClient, setDefaultClient } from '../../context.js';
import { deepQuery, deepText, eventually } from '../../test/dom.js';
import { contentKey, serverFixture } from '../../test/fixtures.js';
import type { SsComments } from '../comments/comments.component.js';
import type { SsProvider } from './provider.component.js';

describe('<ss-provider>', () => {
  it('creates a client from its attributes and hands it to elements inside', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    await fx.client('alice').comments.create({ content_id: post, comment_text: 'Provided' });
    const el =
      await fixture<SsProvider>(html`<ss-provider base-url=${fx.baseUrl} site=${fx.site} token=${fx.tokens.bob}>
      <article><ss-comments content-id=${post}></ss-comments></article>
    </ss-provider>`);
    const comments = el.querySelector('ss-comments')!;
    await eventually(() => deepQuery(comments, 'ss-comment'), 'thread never rendered');
    expect(deepText(deepQuery(comments, 'ss-comment'))).to.contain('Provided');
    await eventually(() =>
      deepText(comments.shadowRoot!.querySelector('.viewer-line')).includes('Bob Builder'),
    );

    // A new token signs the same client in as someone else.
    el.token = fx.tokens.alice;
    await eventually(() =>
      deepText(comments.shadowRoot!.querySelector('.viewer-line')).includes('Alice Example'),
    );
    await expect(el).to.be.accessible();
  });

  it('lets an element’s own client win, and falls back to the default client', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    await fx.client('alice').comments.create({ content_id: post, comment_text: 'Defaulted' });
    const previous = getDefaultClient();
    setDefaultClient(fx.client('bob'));
    try {
      const el = await fixture<SsComments>(html`<ss-comments content-id=${post}></ss-comments>`);
      await eventually(() => deepQuery(el, 'ss-comment'), 'default client never used');
      const own = fx.client('alice');
      el.client = own;
      await eventually(() =>
        deepText(el.shadowRoot!.querySelector('.viewer-line')).includes('Alice Example'),
      );
    } finally {
      setDefaultClient(previous);
    }
  });
});
