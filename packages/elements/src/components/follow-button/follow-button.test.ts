import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { activityOf, socialOf } from '@sharestack/sdk';
import './follow-button.js';
import { deepText, eventually } from '../../test/dom.js';
import { serverFixture } from '../../test/fixtures.js';
import type { SsFollowButton } from './follow-button.component.js';

const button = (el: Element) => el.shadowRoot!.querySelector<HTMLButtonElement>('button')!;

describe('<ss-follow-button>', () => {
  it('follows and unfollows with the server’s counts', async () => {
    const fx = await serverFixture();
    // Users exist once they have written something.
    await activityOf(fx.client('bob')).setPrivacy({ profile_visibility: 'public' });
    const el = await fixture<SsFollowButton>(
      html`<ss-follow-button .client=${fx.client('alice')} user-id="bob" show-count></ss-follow-button>`,
    );
    await eventually(() => !button(el).disabled, 'never enabled');
    expect(button(el).getAttribute('aria-pressed')).to.equal('false');
    expect(deepText(el.shadowRoot!)).to.contain('Follow').and.contain('0 followers');
    await expect(el).to.be.accessible();

    let changed = oneEvent(el, 'ss-follow-changed');
    button(el).click();
    await el.updateComplete;
    // Optimistic: pressed before the server answers.
    expect(button(el).getAttribute('aria-pressed')).to.equal('true');
    expect((await changed).detail).to.deep.equal({ userId: 'bob', following: true, followerCount: 1 });
    await el.updateComplete;
    expect(deepText(el.shadowRoot!)).to.contain('Following').and.contain('1 follower');
    expect(await socialOf(fx.client('alice')).followStatus('bob')).to.include({
      is_following: true,
      follower_count: 1,
    });

    changed = oneEvent(el, 'ss-follow-changed');
    button(el).click();
    expect((await changed).detail.following).to.be.false;
    expect(await socialOf(fx.client()).followStatus('bob')).to.include({ follower_count: 0 });
  });

  it('rolls back a refused follow and reports the problem', async () => {
    const fx = await serverFixture();
    await activityOf(fx.client('alice')).setPrivacy({ profile_visibility: 'public' });
    await activityOf(fx.client('bob')).setPrivacy({ profile_visibility: 'public' });
    await socialOf(fx.client('bob')).block('alice');
    const el = await fixture<SsFollowButton>(
      html`<ss-follow-button .client=${fx.client('alice')} user-id="bob"></ss-follow-button>`,
    );
    await eventually(() => !button(el).disabled, 'never enabled');
    const failed = oneEvent(el, 'ss-error');
    button(el).click();
    const { detail } = await failed;
    expect(detail.action).to.equal('follow');
    expect(detail.error.code).to.equal('blocked');
    await el.updateComplete;
    expect(button(el).getAttribute('aria-pressed')).to.equal('false');
  });

  it('is inert for anonymous readers and for oneself', async () => {
    const fx = await serverFixture();
    await activityOf(fx.client('bob')).setPrivacy({ profile_visibility: 'public' });
    const anon = await fixture<SsFollowButton>(
      html`<ss-follow-button .client=${fx.client()} user-id="bob"></ss-follow-button>`,
    );
    await eventually(() => button(anon).title === 'Sign in to follow', 'no hint');
    expect(button(anon).disabled).to.be.true;
    await expect(anon).to.be.accessible();
    const self = await fixture<SsFollowButton>(
      html`<ss-follow-button .client=${fx.client('bob')} user-id="bob"></ss-follow-button>`,
    );
    await eventually(() => button(self).disabled, 'not inert');
  });
});
