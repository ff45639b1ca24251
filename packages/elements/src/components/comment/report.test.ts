import { expect } from '@open-wc/testing';
import { moderationOf } from '@sharestack/sdk';
import { eventually } from '../../test/dom.js';
import { contentKey, serverFixture } from '../../test/fixtures.js';
import { action, commentByText, liveRegion, renderComments, settle } from '../../test/render.js';

describe('<ss-comment> reporting', () => {
  it("lets a reader report someone else's comment with a reason; enough reports hide it", async () => {
    const fx = await serverFixture({ report_hide_threshold: 1 });
    const post = contentKey();
    await fx.client('bob').comments.create({ content_id: post, comment_text: 'Rude remark' });
    const mine = await fx.client('alice').comments.create({ content_id: post, comment_text: 'My own' });
    const el = await renderComments(fx.client('alice'), post);

    expect(action(commentByText(el, 'My own'), 'report')).to.be.null;
    const target = commentByText(el, 'Rude remark');
    action(target, 'report')!.click();
    await target.updateComplete;
    const form = target.shadowRoot!.querySelector('form.report')!;
    expect(target.shadowRoot!.activeElement?.tagName).to.equal('SELECT');
    await expect(target).to.be.accessible();
    form.querySelector<HTMLSelectElement>('select')!.value = 'harassment';
    form.querySelector<HTMLButtonElement>('[data-action=send-report]')!.click();
    await eventually(() => liveRegion(el).includes('A moderator will look at it'), 'no confirmation');
    await settle(el);
    expect(action(target, 'report')).to.be.null;

    const queue = await moderationOf(fx.client('mod')).queue();
    expect(queue.items.map((i) => [i.comment?.comment_text, i.priority, i.report_reasons])).to.deep.equal([
      ['Rude remark', 'urgent', { harassment: 1 }],
    ]);
    const thread = await fx.client().comments.list(post);
    expect(thread.items.map((c) => c.id)).to.deep.equal([mine.id]);
  });
});
