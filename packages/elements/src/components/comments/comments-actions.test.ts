import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { deepActiveElement, deepQueryAll, deepText, eventually, pressCtrlEnter } from '../../test/dom.js';
import { contentKey, serverFixture } from '../../test/fixtures.js';
import { action, commentByText, liveRegion, renderComments, settle } from '../../test/render.js';

describe('<ss-comments> actions', () => {
  it('replies with focus moving into the composer and back', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    await fx.client('bob').comments.create({ content_id: post, comment_text: 'Question?' });
    const el = await renderComments(fx.client('alice'), post);
    const question = commentByText(el, 'Question?');

    action(question, 'reply')!.click();
    await settle(el);
    const textarea = question
      .shadowRoot!.querySelector('ss-composer')!
      .shadowRoot!.querySelector('textarea')!;
    expect(deepActiveElement()).to.equal(textarea);
    expect(action(question, 'reply')!.getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();

    await sendKeys({ type: 'Answer!' });
    const posted = oneEvent(el, 'ss-comment-posted');
    await pressCtrlEnter();
    const { detail } = await posted;
    expect(detail.comment.parent_comment_id).to.equal(question.comment.id);
    await eventually(() => !question.shadowRoot!.querySelector('ss-composer'), 'composer stayed open');
    await settle(el);
    expect(deepActiveElement()).to.equal(action(question, 'reply'));
    const reply = commentByText(el, 'Answer!');
    expect(question.shadowRoot!.contains(reply)).to.be.true;
    expect(reply.comment.depth).to.equal(1);
    await eventually(() => liveRegion(el).includes('Reply posted'));
  });

  it('cancels a reply with Escape and returns focus to the button', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    await fx.client('bob').comments.create({ content_id: post, comment_text: 'Hi' });
    const el = await renderComments(fx.client('alice'), post);
    const hi = commentByText(el, 'Hi');
    action(hi, 'reply')!.click();
    await settle(el);
    await sendKeys({ press: 'Escape' });
    await settle(el);
    expect(hi.shadowRoot!.querySelector('ss-composer')).to.be.null;
    expect(deepActiveElement()).to.equal(action(hi, 'reply'));
  });

  it('edits the author’s own comment within the window', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    await fx.client('alice').comments.create({ content_id: post, comment_text: 'Typo here' });
    await fx.client('bob').comments.create({ content_id: post, comment_text: 'Not mine' });
    const el = await renderComments(fx.client('alice'), post);
    expect(action(commentByText(el, 'Not mine'), 'edit')).to.be.null;
    expect(action(commentByText(el, 'Not mine'), 'delete')).to.be.null;
    const mine = commentByText(el, 'Typo here');

    action(mine, 'edit')!.click();
    await settle(el);
    const textarea = deepActiveElement() as HTMLTextAreaElement;
    expect(textarea.value).to.equal('Typo here');
    await expect(el).to.be.accessible();
    textarea.select();
    await sendKeys({ type: 'Fixed _text_' });
    const edited = oneEvent(el, 'ss-comment-edited');
    mine
      .shadowRoot!.querySelector('ss-composer')!
      .shadowRoot!.querySelector<HTMLButtonElement>('[part=submit]')!
      .click();
    const { detail } = await edited;
    expect(detail.comment.edited_at).to.be.a('string');
    await settle(el);
    await eventually(() => mine.shadowRoot!.querySelector('.body em'), 'edited html never rendered');
    expect(deepText(mine.shadowRoot!.querySelector('.header'))).to.contain('(edited)');
    expect(deepActiveElement()).to.equal(action(mine, 'edit'));
  });

  it('hides edit once the edit window has closed', async () => {
    const fx = await serverFixture({ edit_window_seconds: 0 });
    const post = contentKey();
    await fx.client('alice').comments.create({ content_id: post, comment_text: 'Set in stone' });
    const el = await renderComments(fx.client('alice'), post);
    const mine = commentByText(el, 'Set in stone');
    expect(action(mine, 'edit')).to.be.null;
    expect(action(mine, 'delete')).to.exist;
  });

  it('deletes after confirmation, leaving a tombstone that keeps its replies', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    const parent = await fx
      .client('alice')
      .comments.create({ content_id: post, comment_text: 'Regrettable' });
    await fx
      .client('bob')
      .comments.create({ content_id: post, comment_text: 'Kept reply', parent_comment_id: parent.id });
    const el = await renderComments(fx.client('alice'), post);
    const mine = commentByText(el, 'Regrettable');

    action(mine, 'delete')!.click();
    await settle(el);
    expect(deepActiveElement()).to.equal(action(mine, 'cancel-delete'));
    await expect(el).to.be.accessible();
    action(mine, 'cancel-delete')!.click();
    await settle(el);
    expect(action(mine, 'confirm-delete')).to.be.null;
    expect(deepActiveElement()).to.equal(action(mine, 'delete'));

    action(mine, 'delete')!.click();
    await settle(el);
    const deleted = oneEvent(el, 'ss-comment-deleted');
    action(mine, 'confirm-delete')!.click();
    expect((await deleted).detail.commentId).to.equal(parent.id);
    await settle(el);
    expect(deepText(mine.shadowRoot!.querySelector('article'))).to.contain('This comment was deleted');
    expect(deepText(mine.shadowRoot!.querySelector('article'))).to.not.contain('Regrettable');
    expect(commentByText(el, 'Kept reply')).to.exist;
    expect(deepActiveElement()).to.equal(mine.shadowRoot!.querySelector('article'));
    await eventually(() => liveRegion(el).includes('Comment deleted'));
    // The pending fade (0.2 s) must be over: axe measures contrast through the opacity.
    const article = mine.shadowRoot!.querySelector('article')!;
    await eventually(() => getComputedStyle(article).opacity === '1', 'still fading');
    await expect(el).to.be.accessible();
  });

  it('removes a comment without replies and moves focus to the heading', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    await fx.client('alice').comments.create({ content_id: post, comment_text: 'Gone soon' });
    await fx.client('alice').comments.create({ content_id: post, comment_text: 'Stays' });
    const el = await renderComments(fx.client('alice'), post);
    const doomed = commentByText(el, 'Gone soon');
    action(doomed, 'delete')!.click();
    await settle(el);
    action(doomed, 'confirm-delete')!.click();
    await oneEvent(el, 'ss-comment-deleted');
    await settle(el);
    expect(deepQueryAll(el, 'ss-comment')).to.have.length(1);
    expect(deepActiveElement()).to.equal(el.shadowRoot!.querySelector('h2'));
    expect(deepText(el.shadowRoot!.querySelector('h2'))).to.equal('1 comment');
  });

  it('lets a moderator delete anyone’s comment, but not edit it', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    await fx.client('bob').comments.create({ content_id: post, comment_text: 'Spam spam' });
    const el = await renderComments(fx.client('mod'), post);
    const spam = commentByText(el, 'Spam');
    expect(action(spam, 'edit')).to.be.null;
    action(spam, 'delete')!.click();
    await settle(el);
    action(spam, 'confirm-delete')!.click();
    await oneEvent(el, 'ss-comment-deleted');
    await eventually(() => deepQueryAll(el, 'ss-comment').length === 0);
    expect((await fx.client().comments.list(post)).total_count).to.equal(0);
  });

  it('hides the reply button at the site’s max depth', async () => {
    const fx = await serverFixture({ max_depth: 1 });
    const post = contentKey();
    const top = await fx.client('alice').comments.create({ content_id: post, comment_text: 'Level zero' });
    await fx
      .client('bob')
      .comments.create({ content_id: post, comment_text: 'Level one', parent_comment_id: top.id });
    const el = await renderComments(fx.client('alice'), post);
    expect(action(commentByText(el, 'Level zero'), 'reply')).to.exist;
    expect(action(commentByText(el, 'Level one'), 'reply')).to.be.null;
  });

  it('keeps the reply text when the parent disappeared meanwhile', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    const doomed = await fx.client('bob').comments.create({ content_id: post, comment_text: 'Soon deleted' });
    // Not live: the reader has not heard of the deletion (a socket down, or a race).
    const el = await renderComments(fx.client('alice'), post, { live: false });
    await fx.client('bob').comments.remove(doomed.id);

    const parent = commentByText(el, 'Soon deleted');
    action(parent, 'reply')!.click();
    await settle(el);
    await sendKeys({ type: 'Too late' });
    const failed = oneEvent(el, 'ss-error');
    await pressCtrlEnter();
    await failed;
    await settle(el);
    const composer = parent.shadowRoot!.querySelector('ss-composer')!;
    expect(composer.shadowRoot!.querySelector('textarea')!.value).to.equal('Too late');
    expect(deepText(composer.shadowRoot!.querySelector('[part=error]'))).to.not.equal('');
    expect(liveRegion(el)).to.contain('could not be posted');
  });

  it('shows the rest of a long reply thread on request', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    const bob = fx.client('bob');
    const top = await bob.comments.create({ content_id: post, comment_text: 'Popular' });
    for (const text of ['reply one', 'reply two', 'reply three']) {
      await bob.comments.create({ content_id: post, comment_text: text, parent_comment_id: top.id });
    }
    const el = await renderComments(fx.client('alice'), post, { repliesLimit: 1 });
    const popular = commentByText(el, 'Popular');
    expect(deepQueryAll(el, 'ss-comment')).to.have.length(2);
    const more = popular.shadowRoot!.querySelector<HTMLButtonElement>('[part=more-replies]')!;
    expect(deepText(more)).to.equal('Show more replies');
    await expect(el).to.be.accessible();

    more.focus();
    await sendKeys({ press: 'Enter' });
    await eventually(() => deepQueryAll(el, 'ss-comment').length === 4, 'replies never came');
    await settle(el);
    expect(popular.shadowRoot!.querySelector('[part=more-replies]')).to.be.null;
    expect(deepActiveElement()?.closest('article')?.getAttribute('aria-label')).to.equal(
      'Comment by Bob Builder',
    );
    expect(deepText(deepActiveElement())).to.contain('reply two');
  });
});
