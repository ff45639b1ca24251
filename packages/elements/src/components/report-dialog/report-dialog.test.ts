import { expect, oneEvent } from '@open-wc/testing';
import { moderationOf } from '@sharestack/sdk';
import { sendKeys } from '@web/test-runner-commands';
import { setLocale } from '../../localization.js';
import { deepActiveElement, eventually } from '../../test/dom.js';
import { contentKey, serverFixture } from '../../test/fixtures.js';
import { action, commentByText, renderComments, settle } from '../../test/render.js';
import type { SsComments } from '../comments/comments.component.js';
import type { SsReportDialog } from './report-dialog.component.js';

/** The open dialog, which `<ss-comment>` puts into the thread's shadow root. */
const dialogOf = (el: SsComments) => el.shadowRoot!.querySelector<SsReportDialog>('ss-report-dialog');
const inDialog = <E extends Element = HTMLElement>(d: SsReportDialog, selector: string) =>
  d.shadowRoot!.querySelector<E>(selector);

async function openFor(el: SsComments, text: string): Promise<SsReportDialog> {
  action(commentByText(el, text), 'report')!.click();
  await eventually(() => dialogOf(el), 'the report dialog never opened');
  const dialog = dialogOf(el)!;
  await dialog.updateComplete;
  return dialog;
}

describe('<ss-report-dialog>', () => {
  afterEach(() => setLocale('en'));

  it('reports a comment with a reason: the server has it, focus goes back to Report', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    await fx.client('bob').comments.create({ content_id: post, comment_text: 'Buy my stuff' });
    await fx.client('alice').comments.create({ content_id: post, comment_text: 'My own words' });
    const el = await renderComments(fx.client('alice'), post);
    // Only others' comments can be reported.
    expect(action(commentByText(el, 'My own words'), 'report')).to.be.null;
    const report = action(commentByText(el, 'Buy my stuff'), 'report')!;
    expect(report.getAttribute('aria-haspopup')).to.equal('dialog');

    const dialog = await openFor(el, 'Buy my stuff');
    const modal = inDialog<HTMLDialogElement>(dialog, 'dialog')!;
    expect(modal.open).to.be.true;
    expect(modal.matches(':modal')).to.be.true;
    expect(inDialog(dialog, 'h2')!.textContent).to.include('Report the comment by Bob Builder');
    expect(dialog.shadowRoot!.querySelectorAll('input[name=reason]')).to.have.length(8);
    await expect(dialog).to.be.accessible();

    // Keyboard only: into the reasons, pick the first (spam), on to the details and send.
    const radio = inDialog<HTMLInputElement>(dialog, 'input[value=spam]')!;
    radio.focus();
    await sendKeys({ press: 'Space' });
    expect(radio.checked).to.be.true;
    inDialog<HTMLTextAreaElement>(dialog, 'textarea')!.focus();
    await sendKeys({ type: 'Links to a shop' });
    const reported = oneEvent(el, 'ss-comment-reported');
    inDialog<HTMLButtonElement>(dialog, '[data-action=send]')!.click();
    const { detail } = await reported;
    expect(detail.report.reason).to.equal('spam');
    expect(detail.report.hidden).to.be.false;

    await eventually(() => inDialog(dialog, '[role=status]'), 'no confirmation');
    expect(inDialog(dialog, '[role=status]')!.textContent).to.include('Moderators will review this comment');
    expect(deepActiveElement()).to.equal(inDialog(dialog, '[data-action=close]'));
    await expect(dialog).to.be.accessible();

    const queue = await moderationOf(fx.client('mod')).queue();
    const item = queue.items.find((i) => i.comment?.comment_text === 'Buy my stuff');
    expect(item?.report_count).to.equal(1);
    expect(item?.report_reasons).to.deep.equal({ spam: 1 });

    inDialog<HTMLButtonElement>(dialog, '[data-action=close]')!.click();
    await eventually(() => !dialogOf(el), 'the dialog stayed');
    expect(deepActiveElement()).to.equal(report);
  });

  it('enough reports hide the comment from other readers', async () => {
    const fx = await serverFixture({ report_hide_threshold: 1 });
    const post = contentKey();
    await fx.client('alice').comments.create({ content_id: post, comment_text: 'Rude remark' });
    await fx.client('alice').comments.create({ content_id: post, comment_text: 'Kind remark' });
    const el = await renderComments(fx.client('bob'), post);
    const dialog = await openFor(el, 'Rude remark');
    inDialog<HTMLInputElement>(dialog, 'input[value=harassment]')!.click();
    inDialog<HTMLButtonElement>(dialog, '[data-action=send]')!.click();
    await eventually(() => inDialog(dialog, '[role=status]'), 'no confirmation');
    expect(inDialog(dialog, '[role=status]')!.textContent).to.include('hidden until a moderator');

    const anonymous = await renderComments(fx.client(null), post);
    expect(() => commentByText(anonymous, 'Rude remark')).to.throw();
    commentByText(anonymous, 'Kind remark');
    // Its author still sees it, marked as waiting for a moderator.
    const author = await renderComments(fx.client('alice'), post);
    expect(commentByText(author, 'Rude remark').shadowRoot!.textContent).to.include('Awaiting approval');

    // The dialog outlives the comment leaving the reporter's thread, and closes with Escape.
    await settle(el);
    expect(dialogOf(el)).to.equal(dialog);
    inDialog<HTMLButtonElement>(dialog, '[data-action=close]')!.focus();
    await sendKeys({ press: 'Escape' });
    await eventually(() => !dialogOf(el), 'Escape did not close the dialog');
  });

  it('says so when the reader already reported it, in German too; Escape returns focus', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    const bobs = await fx.client('bob').comments.create({ content_id: post, comment_text: 'Once is enough' });
    await moderationOf(fx.client('alice')).report({ comment_id: bobs.id, reason: 'other' });
    await setLocale('de');
    const el = await renderComments(fx.client('alice'), post);
    const button = action(commentByText(el, 'Once is enough'), 'report')!;
    expect(button.textContent!.trim()).to.equal('Melden');
    const dialog = await openFor(el, 'Once is enough');
    expect(inDialog(dialog, 'legend')!.textContent).to.equal('Warum meldest du diesen Kommentar?');
    inDialog<HTMLInputElement>(dialog, 'input[value=other]')!.click();
    inDialog<HTMLButtonElement>(dialog, '[data-action=send]')!.click();
    await eventually(() => !inDialog(dialog, '.error')!.hidden, 'no error shown');
    expect(inDialog(dialog, '.error')!.textContent).to.equal('Du hast diesen Kommentar bereits gemeldet.');
    await expect(dialog).to.be.accessible();
    inDialog<HTMLInputElement>(dialog, 'input[value=other]')!.focus();
    await sendKeys({ press: 'Escape' });
    await eventually(() => !dialogOf(el), 'Escape did not close the dialog');
    expect(deepActiveElement()).to.equal(button);
  });
});
