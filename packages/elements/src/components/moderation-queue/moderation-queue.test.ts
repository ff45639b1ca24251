import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { moderationOf, reportComment } from '@sharestack/sdk';
import { sendKeys } from '@web/test-runner-commands';
import './moderation-queue.js';
import { eventually, fadesDone } from '../../test/dom.js';
import { contentKey, serverFixture } from '../../test/fixtures.js';
import type { SsModerationQueue } from './moderation-queue.component.js';

const SPAM = 'Make money fast! Earn $5000 a week from home, click http://cheap.example/now limited offer!!!';
const items = (el: SsModerationQueue) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('li.item')];
const texts = (el: SsModerationQueue) =>
  items(el).map((li) => li.querySelector('.text')!.textContent!.trim());
const prompt = (el: SsModerationQueue) =>
  el.shadowRoot!.querySelector('.confirm')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const status = (el: SsModerationQueue) => el.shadowRoot!.querySelector('[role=status]')!.textContent!;
/** Counts the element's `ss-moderation-action` events. */
const countActions = (el: SsModerationQueue) => {
  const seen = { count: 0 };
  el.addEventListener('ss-moderation-action', () => seen.count++);
  return seen;
};

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

  it('a key acts on the item that has focus, after a more pressing one arrived above it', async () => {
    const fx = await serverFixture({ report_hide_threshold: 1 });
    const post = contentKey();
    await fx.client('alice').comments.create({ content_id: post, comment_text: `${SPAM} held` });
    const el = await fixture<SsModerationQueue>(
      html`<ss-moderation-queue .client=${fx.client('mod')} poll-interval="200"></ss-moderation-queue>`,
    );
    await eventually(() => items(el).length === 1, 'queue never loaded');
    items(el)[0]!.focus();
    // A report makes an urgent item, listed first; focus stays on the held spam.
    const visible = await fx.client('bob').comments.create({ content_id: post, comment_text: 'An opinion' });
    await reportComment(fx.client('alice'), { comment_id: visible.id, reason: 'harassment' });
    await eventually(() => items(el).length === 2, 'the reported item never arrived');
    expect(texts(el)).to.deep.equal(['An opinion', `${SPAM} held`]);
    expect(el.shadowRoot!.activeElement).to.equal(items(el)[1]);
    const acted = oneEvent(el, 'ss-moderation-action');
    await sendKeys({ press: 's' });
    expect((await acted).detail.action).to.equal('spam');
    await eventually(() => items(el).length === 1, 'nothing was resolved');
    expect(texts(el)).to.deep.equal(['An opinion']);
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

  it('says 1 report and N reports', async () => {
    const fx = await serverFixture({ report_hide_threshold: 1 });
    const post = contentKey();
    const once = await fx
      .client('alice')
      .comments.create({ content_id: post, comment_text: 'Reported once' });
    const twice = await fx
      .client('bob')
      .comments.create({ content_id: post, comment_text: 'Reported twice' });
    await reportComment(fx.client('bob'), { comment_id: once.id, reason: 'harassment' });
    await reportComment(fx.client('alice'), { comment_id: twice.id, reason: 'harassment' });
    await reportComment(fx.client('mod'), { comment_id: twice.id, reason: 'off_topic' });

    const el = await fixture<SsModerationQueue>(
      html`<ss-moderation-queue .client=${fx.client('mod')} poll-interval="0"></ss-moderation-queue>`,
    );
    await eventually(() => items(el).length === 2, 'queue never loaded');
    const reasons = (text: string) =>
      items(el)
        .find((li) => li.querySelector('.text')!.textContent!.includes(text))!
        .querySelector('.reasons')!
        .textContent!.replace(/\s+/g, ' ');
    expect(reasons('Reported once')).to.include('1 report: harassment × 1');
    expect(reasons('Reported once')).not.to.include('1 reports');
    expect(reasons('Reported twice')).to.match(/\b2 reports: /);
  });

  it('asks before a ban by key: one b arms it, a second b bans', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    await fx.client('bob').comments.create({ content_id: post, comment_text: `${SPAM} bob` });
    const el = await fixture<SsModerationQueue>(
      html`<ss-moderation-queue .client=${fx.client('mod')} poll-interval="0"></ss-moderation-queue>`,
    );
    await eventually(() => items(el).length === 1, 'queue never loaded');
    const actions = countActions(el);

    items(el)[0]!.focus();
    await sendKeys({ press: 'b' });
    await el.updateComplete;
    expect(prompt(el)).to.equal('Ban Bob Builder? Press b again to go ahead — Escape cancels.');
    expect(status(el)).to.include('Ban Bob Builder?');
    expect(items(el)[0]!.classList.contains('armed')).to.equal(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(actions.count).to.equal(0);
    expect(items(el)).to.have.length(1);
    expect((await moderationOf(fx.client('mod')).log()).items).to.deep.equal([]);

    const acted = oneEvent(el, 'ss-moderation-action');
    await sendKeys({ press: 'b' });
    expect((await acted).detail).to.deep.include({ action: 'ban', failed: [] });
    await eventually(() => items(el).length === 0, 'banned item stayed');
    expect(prompt(el)).to.equal('');
    const log = await moderationOf(fx.client('mod')).log();
    expect(log.items.map((e) => e.action)).to.include('ban');
  });

  it('Escape, another key or moving to another item cancels an armed action', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    for (const n of [1, 2])
      await fx.client('alice').comments.create({ content_id: post, comment_text: `${SPAM} ${n}` });
    const el = await fixture<SsModerationQueue>(
      html`<ss-moderation-queue .client=${fx.client('mod')} poll-interval="0"></ss-moderation-queue>`,
    );
    await eventually(() => items(el).length === 2, 'queue never loaded');
    const actions = countActions(el);

    items(el)[0]!.focus();
    await sendKeys({ press: 'd' });
    await el.updateComplete;
    expect(prompt(el)).to.equal(
      'Delete the comment by Alice Example? Press d again to go ahead — Escape cancels.',
    );
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(prompt(el)).to.equal('');
    expect(status(el)).to.include('Delete: cancelled');
    // After Escape, d arms again rather than deleting.
    await sendKeys({ press: 'd' });
    await el.updateComplete;
    expect(prompt(el)).to.include('Press d again');

    // Another severe key arms that one instead; the first one's second press does not act.
    await sendKeys({ press: 'h' });
    await el.updateComplete;
    expect(prompt(el)).to.equal('Shadow-ban Alice Example? Press h again to go ahead — Escape cancels.');
    await sendKeys({ press: 'd' });
    await el.updateComplete;
    expect(prompt(el)).to.include('Press d again');

    // Moving to another item cancels.
    await sendKeys({ press: 'j' });
    await eventually(() => el.shadowRoot!.activeElement === items(el)[1], 'focus did not move');
    await el.updateComplete;
    expect(prompt(el)).to.equal('');
    expect(el.shadowRoot!.querySelectorAll('.armed')).to.have.length(0);
    await sendKeys({ press: 'k' });
    await eventually(() => el.shadowRoot!.activeElement === items(el)[0], 'focus did not move back');
    await sendKeys({ press: 'd' });
    await el.updateComplete;
    expect(prompt(el)).to.include('Press d again');
    expect(actions.count).to.equal(0);
    expect(items(el)).to.have.length(2);

    // A one-step action still acts at once, and cancels what was armed.
    const acted = oneEvent(el, 'ss-moderation-action');
    await sendKeys({ press: 'a' });
    expect((await acted).detail.action).to.equal('approve');
    expect(prompt(el)).to.equal('');
    await eventually(() => items(el).length === 1, 'approved item stayed');
    const log = await moderationOf(fx.client('mod')).log();
    expect(log.items.map((e) => e.action)).to.deep.equal(['approve']);
  });

  it('lets an armed action lapse after five seconds', async function () {
    this.timeout(20_000);
    const fx = await serverFixture();
    await fx.client('alice').comments.create({ content_id: contentKey(), comment_text: SPAM });
    const el = await fixture<SsModerationQueue>(
      html`<ss-moderation-queue .client=${fx.client('mod')} poll-interval="0"></ss-moderation-queue>`,
    );
    await eventually(() => items(el).length === 1, 'queue never loaded');
    const actions = countActions(el);
    items(el)[0]!.focus();
    await sendKeys({ press: 'd' });
    await el.updateComplete;
    const armedAt = Date.now();
    expect(prompt(el)).to.include('Press d again');
    await eventually(() => prompt(el) === '', 'the prompt never lapsed');
    expect(Date.now() - armedAt).to.be.greaterThan(4000);
    expect(status(el)).to.include('Delete: cancelled');
    // The next d arms again instead of deleting.
    await sendKeys({ press: 'd' });
    await el.updateComplete;
    expect(prompt(el)).to.include('Press d again');
    expect(actions.count).to.equal(0);
    expect(items(el)).to.have.length(1);
  });

  it('asks before a ban or bulk delete by button: the button turns into Confirm', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    await fx.client('bob').comments.create({ content_id: post, comment_text: `${SPAM} bob` });
    for (const n of [1, 2])
      await fx.client('alice').comments.create({ content_id: post, comment_text: `${SPAM} ${n}` });
    const el = await fixture<SsModerationQueue>(
      html`<ss-moderation-queue .client=${fx.client('mod')} poll-interval="0"></ss-moderation-queue>`,
    );
    await eventually(() => items(el).length === 3, 'queue never loaded');
    const actions = countActions(el);

    // Holding Enter on a button repeats the key: the repeat does not confirm what the first press armed.
    const del = items(el)
      .find((li) => li.textContent!.includes('Alice Example'))!
      .querySelector<HTMLButtonElement>('[data-action=delete]')!;
    del.focus();
    await sendKeys({ down: 'Enter' });
    await sendKeys({ down: 'Enter' });
    await sendKeys({ up: 'Enter' });
    await el.updateComplete;
    expect(del.textContent!.trim()).to.equal('Confirm: Delete');
    await new Promise((r) => setTimeout(r, 300));
    expect(actions.count).to.equal(0);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(del.textContent!.trim()).to.equal('Delete');

    const bobs = () => items(el).find((li) => li.textContent!.includes('Bob Builder'))!;
    const ban = () => bobs().querySelector<HTMLButtonElement>('[data-action=ban]')!;
    expect(ban().textContent!.trim()).to.equal('Ban author');
    ban().click();
    await el.updateComplete;
    expect(ban().textContent!.trim()).to.equal('Confirm: Ban author');
    expect(prompt(el)).to.equal('Ban Bob Builder? Press “Confirm: Ban author” to go ahead — Escape cancels.');
    expect(status(el)).to.include('Ban Bob Builder?');
    expect(actions.count).to.equal(0);
    await fadesDone(el);
    await expect(el).to.be.accessible();

    let acted = oneEvent(el, 'ss-moderation-action');
    ban().click();
    const done = (await acted).detail;
    expect(done).to.deep.include({ action: 'ban', failed: [] });
    expect(done.itemIds).to.have.length(1);
    await eventually(() => items(el).length === 2, 'banned item stayed');

    // The toolbar's Delete asks too; Escape on the armed button cancels.
    for (const box of el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) box.click();
    await el.updateComplete;
    const bulk = el.shadowRoot!.querySelector<HTMLButtonElement>('[data-bulk=delete]')!;
    bulk.focus();
    bulk.click();
    await el.updateComplete;
    expect(bulk.textContent!.trim()).to.equal('Confirm: Delete');
    expect(prompt(el)).to.equal('Delete 2 comments? Press “Confirm: Delete” to go ahead — Escape cancels.');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(bulk.textContent!.trim()).to.equal('Delete');
    expect(actions.count).to.equal(1);

    bulk.click();
    await el.updateComplete;
    acted = oneEvent(el, 'ss-moderation-action');
    bulk.click();
    expect((await acted).detail).to.deep.include({ action: 'delete' });
    await eventually(() => items(el).length === 0, 'deleted items stayed');
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
