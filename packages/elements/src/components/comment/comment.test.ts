import { expect } from '@open-wc/testing';
import { moderationOf } from '@sharestack/sdk';
import { sendKeys } from '@web/test-runner-commands';
import { setLocale } from '../../localization.js';
import { deepText, eventually, pressCtrlEnter } from '../../test/dom.js';
import { contentKey, serverFixture } from '../../test/fixtures.js';
import { action, commentByText, composerOf, renderComments, settle } from '../../test/render.js';
import type { SsComments } from '../comments/comments.component.js';
import type { SsComment } from './comment.component.js';

const REJECTED = 'Not published: removed by a moderator';
const header = (c: SsComment) => deepText(c.shadowRoot!.querySelector('[part=header]'));
/** Whether the comment offers the action (a boolean: chai would print a button it did not expect). */
const offers = (c: SsComment, name: string) => action(c, name) !== null;
const part = (el: SsComments, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~=${name}]`);

describe('<ss-comment> not published', () => {
  afterEach(() => setLocale('en'));

  it('tells its author, live and on reload, that a moderator removed it, and offers no reply', async () => {
    const fx = await serverFixture({ pre_moderation: 'all' });
    const post = contentKey();
    await fx.client('mod').comments.create({ content_id: post, comment_text: 'Welcome, all' });
    const alice = await renderComments(fx.client('alice'), post);
    // A second reader on the thread: once each sees the other, both are subscribed.
    const watching = await renderComments(fx.client('bob'), post);
    await eventually(() => part(alice, 'presence')?.textContent?.includes('2 people here'), 'not live');
    await eventually(() => part(watching, 'presence')?.textContent?.includes('2 people here'), 'not live');

    composerOf(alice).focus();
    await sendKeys({ type: 'Hear me out' });
    await pressCtrlEnter();
    await eventually(() => !commentByText(alice, 'Hear me out').comment.pending, 'still posting');
    await settle(alice);
    const held = commentByText(alice, 'Hear me out');
    expect(header(held)).to.include('Awaiting approval');
    expect(header(held)).not.to.include(REJECTED);
    expect(offers(held, 'reply'), 'a held comment can still be replied to').to.be.true;

    const moderation = moderationOf(fx.client('mod'));
    const item = (await moderation.queue()).items.find((i) => i.comment?.comment_text === 'Hear me out')!;
    await moderation.act(item.id, { action: 'reject' });

    // The author's thread follows at once, in place (the same element, keyed by the comment id).
    await eventually(() => header(held).includes(REJECTED), 'the rejection never arrived live');
    expect(commentByText(alice, 'Hear me out') === held).to.be.true;
    expect(header(held)).not.to.include('Awaiting approval');
    expect(deepText(held.shadowRoot!.querySelector('.badge--rejected'))).to.equal(REJECTED);
    expect(offers(held, 'reply')).to.be.false;
    expect(offers(held, 'report')).to.be.false;
    expect(offers(held, 'delete'), 'its author may still delete it').to.be.true;
    await expect(alice).to.be.accessible();
    // Nobody else ever had it.
    expect(() => commentByText(watching, 'Hear me out')).to.throw();

    // The same on a fresh load, in German too.
    await setLocale('de');
    const reloaded = commentByText(await renderComments(fx.client('alice'), post), 'Hear me out');
    expect(header(reloaded)).to.include('Nicht veröffentlicht: von der Moderation entfernt');
    expect(header(reloaded)).not.to.include('Wartet auf Freigabe');
    expect(offers(reloaded, 'reply')).to.be.false;
  });

  it('shows moderators which comments were rejected and which still wait, with no reply or report on them', async () => {
    const fx = await serverFixture({ pre_moderation: 'all' });
    const post = contentKey();
    await fx.client('mod').comments.create({ content_id: post, comment_text: 'Welcome, all' });
    await fx.client('alice').comments.create({ content_id: post, comment_text: 'Rejected one' });
    await fx.client('bob').comments.create({ content_id: post, comment_text: 'Waiting one' });
    const moderation = moderationOf(fx.client('mod'));
    const item = (await moderation.queue()).items.find((i) => i.comment?.comment_text === 'Rejected one')!;
    await moderation.act(item.id, { action: 'spam' });

    const el = await renderComments(fx.client('mod'), post);
    const rejected = commentByText(el, 'Rejected one');
    const waiting = commentByText(el, 'Waiting one');
    const published = commentByText(el, 'Welcome, all');
    expect(header(rejected)).to.include(REJECTED);
    expect(header(waiting)).to.include('Awaiting approval');
    expect(header(waiting)).not.to.include(REJECTED);
    expect(header(published)).not.to.include('Awaiting approval');
    expect(offers(rejected, 'reply')).to.be.false;
    // A moderator's reply would be published under a comment readers cannot see (the server refuses it).
    expect(offers(waiting, 'reply')).to.be.false;
    // Both are before the moderators already: reporting them would only put one back in the queue.
    expect(offers(rejected, 'report')).to.be.false;
    expect(offers(waiting, 'report')).to.be.false;
    expect(offers(rejected, 'delete')).to.be.true;
    await expect(el).to.be.accessible();

    // Readers see neither.
    const reader = await renderComments(fx.client('bob'), post);
    expect(() => commentByText(reader, 'Rejected one')).to.throw();
    expect(offers(commentByText(reader, 'Welcome, all'), 'report')).to.be.true;
  });
});
