import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../define.js';
import { deepText, eventually } from '../../test/dom.js';
import { contentKey, serverFixture } from '../../test/fixtures.js';
import { commentByText, renderComments, settle } from '../../test/render.js';
import type { SsReactions } from './reactions.component.js';

const buttons = (el: Element) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')];
const pressed = (el: Element) =>
  buttons(el)
    .filter((b) => b.getAttribute('aria-pressed') === 'true')
    .map((b) => deepText(b.querySelector('.sr-only')));
const counts = (el: Element) =>
  Object.fromEntries(
    buttons(el)
      .filter((b) => b.querySelector('.count'))
      .map((b) => [deepText(b.querySelector('.sr-only')), Number(b.querySelector('.count')!.textContent)]),
  );

describe('<ss-reactions>', () => {
  it('reacts to content, switches and un-reacts, with the server’s counts', async () => {
    const fx = await serverFixture({ reaction_set: ['like', 'love', 'fire'] });
    const post = contentKey();
    await fx.client('bob').reactions.react('content', post, 'love');
    const el = await fixture<SsReactions>(
      html`<ss-reactions .client=${fx.client('alice')} target-type="content" target-id=${post}></ss-reactions>`,
    );
    await eventually(
      () => buttons(el).length === 3 && counts(el).Love === 1 && !buttons(el)[0]!.disabled,
      'never loaded',
    );
    expect(buttons(el).map((b) => b.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      '👍 Like',
      '❤️ Love 1',
      '🔥 Fire',
    ]);
    expect(pressed(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();

    let changed = oneEvent(el, 'ss-reaction-changed');
    buttons(el)[0]!.click();
    expect((await changed).detail).to.include({ reaction: 'like', previous: null, targetId: post });
    await el.updateComplete;
    expect(pressed(el)).to.deep.equal(['Like']);
    expect(counts(el)).to.deep.equal({ Like: 1, Love: 1 });

    changed = oneEvent(el, 'ss-reaction-changed');
    buttons(el)[1]!.click();
    expect((await changed).detail).to.deep.include({
      reaction: 'love',
      previous: 'like',
      counts: { love: 2 },
    });
    await el.updateComplete;
    expect(pressed(el)).to.deep.equal(['Love']);
    expect(counts(el)).to.deep.equal({ Love: 2 });

    changed = oneEvent(el, 'ss-reaction-changed');
    buttons(el)[1]!.click();
    expect((await changed).detail.reaction).to.be.null;
    await el.updateComplete;
    expect(pressed(el)).to.deep.equal([]);
    const summary = await fx.client('alice').reactions.get('content', post);
    expect(summary).to.deep.include({ counts: { love: 1 }, total: 1, my_reaction: null });
  });

  it('is read-only for anonymous readers', async () => {
    const fx = await serverFixture();
    const el = await fixture<SsReactions>(
      html`<ss-reactions .client=${fx.client()} target-type="content" target-id=${contentKey()}></ss-reactions>`,
    );
    await eventually(() => buttons(el).length === 4, 'never loaded');
    expect(buttons(el).every((b) => b.disabled && b.title === 'Sign in to react')).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('reacts to a comment inside a thread through the thread store', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    const c = await fx.client('bob').comments.create({ content_id: post, comment_text: 'React to me' });
    await fx.client('bob').comments.react(c.id, 'helpful');
    const el = await renderComments(fx.client('alice'), post);
    const bar = commentByText(el, 'React to me').shadowRoot!.querySelector('ss-reactions')!;
    expect(counts(bar)).to.deep.equal({ Helpful: 1 });

    const changed = oneEvent(el, 'ss-reaction-changed');
    buttons(bar)
      .find((b) => b.textContent!.includes('Helpful'))!
      .click();
    await settle(el);
    expect(pressed(bar)).to.deep.equal(['Helpful']);
    expect(counts(bar)).to.deep.equal({ Helpful: 2 });
    expect((await changed).detail).to.deep.include({
      targetType: 'comment',
      targetId: c.id,
      reaction: 'helpful',
    });
    const [server] = (await fx.client('alice').comments.list(post)).items;
    expect(server).to.deep.include({ my_reaction: 'helpful', like_count: 2 });
  });
});
