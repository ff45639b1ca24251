import { expect, fixture, html } from '@open-wc/testing';
import { activityOf, createClient, socialOf } from '@sharestack/sdk';
import { setViewport } from '@web/test-runner-commands';
import './profile-card.js';
import { deepQuery, deepText, eventually } from '../../test/dom.js';
import { contentKey, serverFixture } from '../../test/fixtures.js';
import type { SsProfileCard } from './profile-card.component.js';

const stats = (el: Element) =>
  Object.fromEntries(
    [...el.shadowRoot!.querySelectorAll('.stats div')].map((d) => [
      d.querySelector('dt')!.textContent,
      Number(d.querySelector('dd')!.textContent),
    ]),
  );

const box = (el: Element) => el.getBoundingClientRect();
/** Lines of text a block holds, from its height and line height. */
const lines = (el: Element) =>
  Math.round(box(el).height / Number.parseFloat(getComputedStyle(el).lineHeight));

describe('<ss-profile-card>', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));
  it('shows the stats, and the follower count follows the embedded follow button', async () => {
    const fx = await serverFixture();
    const bob = fx.client('bob');
    const post = contentKey();
    const c = await bob.comments.create({ content_id: post, comment_text: 'hello' });
    await fx.client('mod').comments.react(c.id, 'like');
    const el = await fixture<SsProfileCard>(
      html`<ss-profile-card .client=${fx.client('alice')} user-id="bob"></ss-profile-card>`,
    );
    await eventually(() => el.shadowRoot!.querySelector('.stats'), 'never loaded');
    expect(deepText(el.shadowRoot!.querySelector('h2'))).to.equal('Bob Builder');
    expect(stats(el)).to.deep.equal({ Followers: 0, Following: 0, Comments: 1, 'Reactions received': 1 });
    await expect(el).to.be.accessible();

    await activityOf(fx.client('alice')).setPrivacy({ profile_visibility: 'public' });
    const follow = () => deepQuery<HTMLButtonElement>(el, 'ss-follow-button >>> button');
    await eventually(() => follow() && !follow()!.disabled, 'follow button never enabled');
    follow()!.click();
    await eventually(() => stats(el).Followers === 1, 'count not updated');
    expect((await socialOf(bob).profile('bob')).stats.followers).to.equal(1);
  });

  it('follows the follower count live when others follow and unfollow', async () => {
    const fx = await serverFixture();
    const [alice, bob, mod] = [fx.client('alice'), fx.client('bob'), fx.client('mod')];
    for (const c of [alice, bob, mod]) await activityOf(c).setPrivacy({ profile_visibility: 'public' });
    const el = await fixture<SsProfileCard>(
      html`<ss-profile-card .client=${alice} user-id="bob"></ss-profile-card>`,
    );
    await eventually(() => el.shadowRoot!.querySelector('.stats'), 'never loaded');
    expect(stats(el).Followers).to.equal(0);
    // Wait until the card's subscription is live, then follow from another client.
    await eventually(() => alice.realtime.$status.get() === 'open', 'socket never opened');
    await socialOf(mod).follow('bob');
    await eventually(() => stats(el).Followers === 1, 'the follow never arrived live');
    await socialOf(mod).unfollow('bob');
    await eventually(() => stats(el).Followers === 0, 'the unfollow never arrived live');
  });

  it('shows a private profile as unavailable', async () => {
    const fx = await serverFixture();
    await activityOf(fx.client('bob')).setPrivacy({ profile_visibility: 'private' });
    const el = await fixture<SsProfileCard>(
      html`<ss-profile-card .client=${fx.client('alice')} user-id="bob"></ss-profile-card>`,
    );
    await eventually(() => el.shadowRoot!.querySelector('.card--missing'), 'not marked unavailable');
    expect(deepText(el.shadowRoot!)).to.contain('This profile is not available.');
    await expect(el).to.be.accessible();
  });

  it('gives a long name the width on a phone, with the follow button below it, and beside it when there is room', async () => {
    const fx = await serverFixture();
    const long = 'Maximiliana Featherstonehaugh-Worthington';
    const { token, user } = await fx.client(null).auth.guest(long);
    const guest = createClient({ baseUrl: fx.baseUrl, site: fx.site, token });
    await guest.comments.create({ content_id: contentKey(), comment_text: 'hello' });
    await activityOf(guest).setPrivacy({ profile_visibility: 'public' });

    await setViewport({ width: 375, height: 700 });
    const el = await fixture<SsProfileCard>(
      html`<ss-profile-card style="margin: 8px" .client=${fx.client('alice')} user-id=${user.id}></ss-profile-card>`,
    );
    await eventually(() => el.shadowRoot!.querySelector('.stats'), 'never loaded');
    const follow = el.shadowRoot!.querySelector('ss-follow-button')!;
    await eventually(() => box(follow).width > 0, 'follow button never rendered');
    const who = el.shadowRoot!.querySelector('.who')!;
    const name = el.shadowRoot!.querySelector('.name')!;
    const since = el.shadowRoot!.querySelector('.since')!;
    const header = el.shadowRoot!.querySelector('header')!;
    expect(deepText(name)).to.equal(long);

    // The button is on a line of its own below the name, aligned with it, not squeezing it.
    expect(box(follow).top).to.be.at.least(box(who).bottom);
    expect(Math.abs(box(follow).left - box(who).left)).to.be.below(1);
    expect(box(who).right).to.be.closeTo(box(header).right, 1);
    expect(lines(since), '"Member since …" wraps').to.equal(1);
    expect(lines(name)).to.be.at.most(3);
    expect(name.scrollWidth, 'the name overflows its box').to.be.at.most(name.clientWidth);
    await expect(el).to.be.accessible();

    // With room to spare, the button stays beside the name.
    await setViewport({ width: 800, height: 600 });
    await eventually(() => box(follow).left > box(who).right, 'the button never moved back beside the name');
    expect(box(follow).top).to.be.below(box(who).bottom);
    expect(lines(since)).to.equal(1);
  });
});
