import { expect, fixture, html } from '@open-wc/testing';
import { activityOf, socialOf } from '@sharestack/sdk';
import './activity-feed.js';
import { deepText, eventually } from '../../test/dom.js';
import { contentKey, serverFixture } from '../../test/fixtures.js';
import type { SsActivityFeed } from './activity-feed.component.js';

const texts = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll('.entry .text')].map((p) =>
    deepText(p)
      .replace(/\s+/g, ' ')
      .replace(/ (now|\d+ \w+ ago|in \d+ \w+)$/, '')
      .trim(),
  );

describe('<ss-activity-feed>', () => {
  it('shows the personal feed grouped, with creator updates, and pages', async () => {
    const fx = await serverFixture();
    const post = contentKey();
    const [alice, bob, mod] = [fx.client('alice'), fx.client('bob'), fx.client('mod')];
    for (const c of [alice, bob, mod]) await activityOf(c).setPrivacy({ profile_visibility: 'public' });
    await socialOf(alice).follow('bob');
    await socialOf(alice).follow('mod');
    await activityOf(bob).publish({
      content_id: post,
      content_title: 'Big news',
      content_url: 'https://example.com/news',
    });
    await bob.reactions.react('content', 'other', 'like');
    await mod.reactions.react('content', 'other', 'like');
    // Likes become activities just after the reaction commits.
    await eventually(async () => (await activityOf(alice).feed()).items.length === 2, 'likes never recorded');

    const el = await fixture<SsActivityFeed>(
      html`<ss-activity-feed .client=${alice} page-size="2"></ss-activity-feed>`,
    );
    await eventually(() => el.shadowRoot!.querySelector('.entry'), 'never loaded');
    expect(texts(el)).to.deep.equal(['Mia Moderator and Bob Builder liked other']);
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.more')!.click();
    await eventually(() => texts(el).length === 2, 'did not page');
    expect(texts(el)[1]).to.equal('Bob Builder published something new: Big news');
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('.entry--creator a')!;
    expect(link.href).to.equal('https://example.com/news');
  });

  it("adds a user's new activities and creator updates to their timeline live", async () => {
    const fx = await serverFixture();
    const [alice, bob] = [fx.client('alice'), fx.client('bob')];
    for (const c of [alice, bob]) await activityOf(c).setPrivacy({ profile_visibility: 'public' });
    await activityOf(bob).publish({ content_id: contentKey(), content_title: 'First' });
    const el = await fixture<SsActivityFeed>(
      html`<ss-activity-feed .client=${alice} user-id="bob"></ss-activity-feed>`,
    );
    await eventually(() => el.shadowRoot!.querySelector('.entry'), 'never loaded');
    expect(texts(el)).to.deep.equal(['Bob Builder published First']);
    await eventually(() => alice.realtime.$status.get() === 'open', 'socket never opened');
    await activityOf(bob).publish({ content_id: contentKey(), content_title: 'Second' });
    await eventually(() => texts(el).length === 2, 'the new post never arrived live');
    expect(texts(el)).to.deep.equal(['Bob Builder published Second', 'Bob Builder published First']);
    await expect(el).to.be.accessible();
  });

  it("adds followed users' new activities to the personal feed live, followers-only ones too", async () => {
    const fx = await serverFixture();
    const [alice, bob, mod] = [fx.client('alice'), fx.client('bob'), fx.client('mod')];
    for (const c of [alice, bob, mod]) await activityOf(c).setPrivacy({ profile_visibility: 'public' });
    await activityOf(bob).setPrivacy({ activity_type: 'published', visibility: 'followers' });
    await socialOf(alice).follow('bob');
    const el = await fixture<SsActivityFeed>(html`<ss-activity-feed .client=${alice}></ss-activity-feed>`);
    // Mia follows nobody: Bob's post is not for her feed.
    const other = await fixture<SsActivityFeed>(html`<ss-activity-feed .client=${mod}></ss-activity-feed>`);
    for (const [feed, client] of [
      [el, alice],
      [other, mod],
    ] as const) {
      await eventually(() => deepText(feed.shadowRoot!).includes('Nothing here yet'), 'never loaded');
      await eventually(() => client.realtime.$status.get() === 'open', 'socket never opened');
    }
    await activityOf(bob).publish({ content_id: contentKey(), content_title: 'For my followers' });
    await eventually(() => texts(el).length === 1, 'the post never arrived live');
    expect(texts(el)).to.deep.equal(['Bob Builder published something new: For my followers']);
    await activityOf(bob).publish({ content_id: contentKey(), content_title: 'And another' });
    await eventually(() => texts(el).length === 2, 'the second post never arrived live');
    expect(texts(el)[0]).to.equal('Bob Builder published something new: And another');
    expect(texts(other)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it("shows a user's timeline to anonymous readers as far as privacy allows", async () => {
    const fx = await serverFixture();
    const bob = fx.client('bob');
    await activityOf(bob).publish({ content_id: contentKey(), content_title: 'Public post' });
    await socialOf(bob).bookmark({ content_id: contentKey(), content_title: 'Private bookmark' });
    const el = await fixture<SsActivityFeed>(
      html`<ss-activity-feed .client=${fx.client()} user-id="bob"></ss-activity-feed>`,
    );
    await eventually(() => el.shadowRoot!.querySelector('.entry'), 'never loaded');
    expect(texts(el)).to.deep.equal(['Bob Builder published Public post']);
    await expect(el).to.be.accessible();

    await activityOf(bob).setPrivacy({ profile_visibility: 'private' });
    const hidden = await fixture<SsActivityFeed>(
      html`<ss-activity-feed .client=${fx.client('alice')} user-id="bob"></ss-activity-feed>`,
    );
    await eventually(() => hidden.shadowRoot!.querySelector('.state--error'), 'not hidden');
    expect(deepText(hidden.shadowRoot!)).to.contain('This activity is not available.');
  });

  it('asks anonymous readers to sign in for the personal feed', async () => {
    const fx = await serverFixture();
    const el = await fixture<SsActivityFeed>(
      html`<ss-activity-feed .client=${fx.client()}></ss-activity-feed>`,
    );
    await eventually(() => deepText(el.shadowRoot!).includes('Sign in'), 'no hint');
    await expect(el).to.be.accessible();
  });
});
