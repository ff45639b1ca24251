import { expect, oneEvent } from '@open-wc/testing';
import { createClient } from '@sharestack/sdk';
import { sendKeys } from '@web/test-runner-commands';
import {
  deepActiveElement,
  deepQuery,
  deepQueryAll,
  deepText,
  eventually,
  find,
  pressCtrlEnter,
} from '../../test/dom.js';
import { contentKey, serverFixture } from '../../test/fixtures.js';
import {
  commentByText,
  composerOf,
  liveRegion,
  renderComments,
  settle,
  topLevelTexts,
} from '../../test/render.js';

describe('<ss-comments>', () => {
  it('loads and renders a nested thread with its count', async () => {
    const fx = await serverFixture();
    const alice = fx.client('alice');
    const bob = fx.client('bob');
    const post = contentKey();
    const a = await alice.comments.create({ content_id: post, comment_text: 'Top **level**' });
    const b = await bob.comments.create({
      content_id: post,
      comment_text: 'First reply',
      parent_comment_id: a.id,
    });
    await alice.comments.create({
      content_id: post,
      comment_text: 'Reply to the reply',
      parent_comment_id: b.id,
    });

    const el = await renderComments(fx.client('alice'), post);

    expect(deepText(el.shadowRoot!.querySelector('h2'))).to.equal('3 comments');
    expect(deepQueryAll(el, 'ss-comment')).to.have.length(3);
    const top = commentByText(el, 'Top');
    expect(top.shadowRoot!.querySelector('.body strong')?.textContent).to.equal('level');
    const nested = commentByText(el, 'Reply to the reply');
    expect(nested.comment.depth).to.equal(2);
    // Each reply sits in its parent's replies container.
    expect(commentByText(el, 'First reply').shadowRoot!.contains(nested)).to.be.true;
    const time = top.shadowRoot!.querySelector('time')!;
    expect(time.getAttribute('datetime')).to.equal(a.created_at);
    expect(time.title).to.not.equal('');
    await expect(el).to.be.accessible();
  });

  it('shows the empty state and posts a comment: pending first, then confirmed', async () => {
    const fx = await serverFixture();
    const el = await renderComments(fx.client('alice'), contentKey());
    expect(deepText(el.shadowRoot!.querySelector('.state'))).to.contain('No comments yet');
    await expect(el).to.be.accessible();

    composerOf(el).focus();
    await sendKeys({ type: 'Hello *world*' });
    const posted = oneEvent(el, 'ss-comment-posted');
    deepQuery<HTMLButtonElement>(el, 'ss-composer >>> [part=submit]')!.click();
    await el.updateComplete;
    await settle(el);
    const pending = deepQuery(el, 'ss-comment')!;
    expect(deepText(pending)).to.contain('Posting…');
    expect(pending.shadowRoot!.querySelector('.comment--pending .plain')?.textContent).to.equal(
      'Hello *world*',
    );

    const { detail } = await posted;
    expect(detail.comment.comment_text).to.equal('Hello *world*');
    await eventually(() => deepQuery(el, 'ss-comment >>> .body em'), 'server html never rendered');
    expect(deepText(el)).to.not.contain('Posting…');
    expect(composerOf(el).value).to.equal('');
    await eventually(() => liveRegion(el).includes('Comment posted'));
    expect(deepText(el.shadowRoot!.querySelector('h2'))).to.equal('1 comment');
  });

  it("records the page's address and title with the first comment, for notifications to link to", async () => {
    const fx = await serverFixture();
    const post = contentKey();
    document.title = 'A page about things';
    const el = await renderComments(fx.client('alice'), post);
    composerOf(el).focus();
    await sendKeys({ type: 'First!' });
    const posted = oneEvent(el, 'ss-comment-posted');
    deepQuery<HTMLButtonElement>(el, 'ss-composer >>> [part=submit]')!.click();
    await posted;
    const page = new URL(location.href);
    page.hash = '';
    const shares = await fetch(`${fx.baseUrl}/api/social/shares/${encodeURIComponent(post)}?site=${fx.site}`);
    expect(((await shares.json()) as { share_url: string }).share_url).to.equal(page.href);
    // The host may name the page itself.
    const other = contentKey();
    const named = await renderComments(fx.client('bob'), other);
    named.contentUrl = `${location.origin}/posts/named`;
    await named.updateComplete;
    composerOf(named).focus();
    await sendKeys({ type: 'Named' });
    const done = oneEvent(named, 'ss-comment-posted');
    deepQuery<HTMLButtonElement>(named, 'ss-composer >>> [part=submit]')!.click();
    await done;
    const s2 = await fetch(`${fx.baseUrl}/api/social/shares/${encodeURIComponent(other)}?site=${fx.site}`);
    expect(((await s2.json()) as { share_url: string }).share_url).to.equal(`${location.origin}/posts/named`);
  });

  it('keeps the text and shows the problem when the server rejects a post', async () => {
    const fx = await serverFixture();
    const el = await renderComments(fx.client('alice'), contentKey());
    // The limit drops after the element read the site's settings, so only the server knows.
    await fx.settings({ comment_max_length: 20 });

    const textarea = composerOf(el);
    textarea.focus();
    await sendKeys({ type: 'This text is longer than twenty characters' });
    const failed = oneEvent(el, 'ss-error');
    await pressCtrlEnter();
    const { detail } = await failed;
    expect(detail.action).to.equal('post');
    expect(detail.error.code).to.equal('validation_failed');

    await eventually(() => deepText(deepQuery(el, 'ss-composer >>> [part=error]')).includes('at most 20'));
    expect(textarea.value).to.equal('This text is longer than twenty characters');
    expect(textarea.getAttribute('aria-invalid')).to.equal('true');
    expect(deepQueryAll(el, 'ss-comment')).to.have.length(0);
    expect(liveRegion(el)).to.contain('could not be posted');
    expect(deepActiveElement()).to.equal(textarea);
    await expect(el).to.be.accessible();
  });

  it('changes the sort order from the select', async () => {
    const fx = await serverFixture();
    const alice = fx.client('alice');
    const post = contentKey();
    for (const text of ['one', 'two', 'three'])
      await alice.comments.create({ content_id: post, comment_text: text });
    const el = await renderComments(fx.client(), post, { sort: 'old' });
    expect(topLevelTexts(el)).to.deep.equal(['one', 'two', 'three']);

    const select = el.shadowRoot!.querySelector('select')!;
    select.focus();
    select.value = 'new';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await eventually(() => topLevelTexts(el)[0] === 'three', 'never re-sorted');
    expect(topLevelTexts(el)).to.deep.equal(['three', 'two', 'one']);
    expect(el.sort).to.equal('new');
    expect([...select.options].map((o) => o.value)).to.deep.equal([
      'best',
      'new',
      'old',
      'top',
      'hot',
      'controversial',
    ]);
  });

  it('loads more with the cursor and moves focus to the first new comment', async () => {
    const fx = await serverFixture();
    const alice = fx.client('alice');
    const post = contentKey();
    for (let i = 1; i <= 5; i++)
      await alice.comments.create({ content_id: post, comment_text: `comment ${i}` });
    const el = await renderComments(fx.client(), post, { pageSize: 2 });
    expect(topLevelTexts(el)).to.deep.equal(['comment 1', 'comment 2']);
    expect(deepText(el.shadowRoot!.querySelector('h2'))).to.equal('5 comments');

    const more = () => el.shadowRoot!.querySelector<HTMLButtonElement>('[part=load-more]');
    more()!.click();
    await eventually(() => topLevelTexts(el).length === 4, 'second page never came');
    await settle(el);
    expect(deepActiveElement()?.getAttribute('aria-label')).to.equal('Comment by Alice Example');
    expect(commentByText(el, 'comment 3').shadowRoot!.activeElement).to.exist;
    more()!.click();
    await eventually(() => topLevelTexts(el).length === 5, 'last page never came');
    expect(more()).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('shows an error state with a retry button when the thread cannot load', async () => {
    const fx = await serverFixture();
    const el = await renderComments(
      createClient({ baseUrl: fx.baseUrl, site: 'no-such-site' }),
      contentKey(),
    );
    const state = el.shadowRoot!.querySelector('.state--error')!;
    expect(state.getAttribute('role')).to.equal('alert');
    expect(deepText(state)).to.contain('Comments could not be loaded.');
    await expect(el).to.be.accessible();

    const retry = await find<HTMLButtonElement>(el, '.state--error button');
    retry.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.skeleton')).to.exist;
    await eventually(() => el.shadowRoot!.querySelector('.state--error'), 'retry never failed again');
  });
});
