import { expect } from '@open-wc/testing';
import { eventually } from '../test/dom.js';
import { autoload, define } from './autoload.js';

// This file imports no element: only what autoload registers is defined.
describe('embed autoload', () => {
  it('registers the tags a page uses, now and later, and nothing else', async () => {
    const early = document.createElement('ss-provider');
    document.body.append(early);
    await autoload();
    expect(customElements.get('ss-provider')).to.exist;
    expect(customElements.get('ss-comments')).to.be.undefined;

    // A single-page app renders a thread later, nested in its own markup.
    const view = document.createElement('div');
    view.innerHTML = '<section><ss-comments content-id="later"></ss-comments></section>';
    document.body.append(view);
    await eventually(() => customElements.get('ss-comments'), 'ss-comments never defined');
    // Its nested elements come with it.
    expect(customElements.get('ss-reactions')).to.exist;
    view.remove();
    early.remove();
  });

  it('defines on request, and refuses tags it does not have', async () => {
    await define('ss-reactions');
    expect(customElements.get('ss-reactions')).to.exist;
    let error: unknown;
    await define('ss-nope').catch((e: unknown) => {
      error = e;
    });
    expect(String(error)).to.contain('no element <ss-nope>');
  });
});
