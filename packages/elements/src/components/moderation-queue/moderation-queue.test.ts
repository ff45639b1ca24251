import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { moderationOf, reportComment } from '@sharestack/sdk';
import { sendKeys } from '@web/test-runner-commands';
import './moderation-queue.js';
import { eventually } from '../../test/dom.js';
import { contentKey, serverFixture } from '../../test/fixtures.js';
import type { SsModerationQueue } from './moderation-queue.component.js';

const SPAM = 'Make money fast! Earn $5000 a week from home, click http://cheap.example/now limited offer!!!';
const items = (el: SsModerationQueue) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('li.item')];
const texts = (el: SsModerationQueue) =>
  items(el).map((li) => li.querySelector('.text')!.textContent!.trim());

describe('<ss-moderation-queue>', () => {
  it('lists held comments most pressing first, with scores and reasons, and is accessible', async () => {
    const fx = await serverFixture({ flagged_words: ['casino'], report_hide_threshold: 1 });
    const post = contentKey();
    const alice = fx.client('alice');
    await alice.comments.create({ content_id: post, comment_text: SPAM });
    await alice.comments.create({ content_id: post, comment_text: 'casino night was fun' });
    const visible = await fx.client('bob').comments.create({ content_id: post, comment_text: 'An opinion' });
    await reportComment(alice, { comment_id: visible.id, reason: 'harassment' });

    const el = await fixture<SsModerationQueue>(
      html`<ss-moderation-queue .client=${fx.client('mod')}></ss-moderation-queue>`,
    );
    await eventually(() => items(el).length === 3, 'queue never loaded');
    expect(texts(el)).to.deep.equal(['An opinion', 'casino night was fun', SPAM]);
    const first = items(el)[0]!;
    expect(first.querySelector('.priority')!.textContent).to.equal('Urgent');
    expect(first.querySelector('.reasons')!.textContent).to.include('harassment × 1');
    const spam = items(el)[2]!;
    expect(spam.querySelector('.scores')!.textContent).to.match(/Spam\s*100%/);
    expect(spam.querySelector('.reasons')!.textContent).to.include('spam_classifier');
    expect(el.shadowRoot!.querySelector('.counts')!.textContent!.replace(/\s+/g, ' ')).to.include('Urgent 1');
    await expect(el).to.be.accessible();
  });

  it('acts with keyboard shortcuts, singly and on a selection', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    for (const n of [1, 2, 3])
      await fx.client('alice').comments.create({ content_id: post, comment_text: `${SPAM} ${n}` });
    const el = await fixture<SsModerationQueue>(
      html`<ss-moderation-queue .client=${fx.client('mod')}></ss-moderation-queue>`,
    );
    await eventually(() => items(el).length === 3, 'queue never loaded');

    items(el)[0]!.focus();
    let acted = oneEvent(el, 'ss-moderation-action');
    await sendKeys({ press: 'a' });
    expect((await acted).detail).to.deep.include({ action: 'approve', failed: [] });
    await eventually(() => items(el).length === 2, 'approved item stayed');
    const thread = await fx.client().comments.list(post);
    expect(thread.items.map((c) => c.comment_text)).to.deep.equal([`${SPAM} 1`]);

    // Focus follows the list; select both remaining with x and j, then mark spam with s.
    await eventually(() => el.shadowRoot!.activeElement === items(el)[0], 'focus lost');
    await sendKeys({ press: 'x' });
    await sendKeys({ press: 'j' });
    await sendKeys({ press: 'x' });
    expect(el.shadowRoot!.querySelector('.toolbar')!.textContent).to.include('2 selected');
    acted = oneEvent(el, 'ss-moderation-action');
    await sendKeys({ press: 's' });
    expect((await acted).detail.action).to.equal('spam');
    await eventually(() => items(el).length === 0, 'spam items stayed');
    expect(el.shadowRoot!.textContent).to.include('Nothing to review.');
    const log = await moderationOf(fx.client('mod')).log();
    expect(log.items.map((e) => e.action)).to.deep.equal(['spam', 'spam', 'approve']);
  });

  it('bulk actions from the toolbar, and new items arrive live', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    await fx.client('alice').comments.create({ content_id: post, comment_text: `${SPAM} a` });
    const el = await fixture<SsModerationQueue>(
      html`<ss-moderation-queue .client=${fx.client('mod')} poll-interval="200"></ss-moderation-queue>`,
    );
    await eventually(() => items(el).length === 1, 'queue never loaded');
    await fx.client('bob').comments.create({ content_id: post, comment_text: `${SPAM} b` });
    await eventually(() => items(el).length === 2, 'new item never arrived');

    for (const box of el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) box.click();
    await el.updateComplete;
    const acted = oneEvent(el, 'ss-moderation-action');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-bulk=reject]')!.click();
    expect((await acted).detail.itemIds).to.have.length(2);
    await eventually(() => items(el).length === 0, 'rejected items stayed');
  });

  it('tells a non-moderator the queue is not for them', async () => {
    const fx = await serverFixture();
    const el = await fixture<SsModerationQueue>(
      html`<ss-moderation-queue .client=${fx.client('alice')} poll-interval="0"></ss-moderation-queue>`,
    );
    await eventually(() => el.shadowRoot!.querySelector('[role=alert]'), 'no message');
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.include('Only moderators');
    await expect(el).to.be.accessible();
  });
});
