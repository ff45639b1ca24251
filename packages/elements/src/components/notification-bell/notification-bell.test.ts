import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { notificationsOf } from '@sharestack/sdk';
import { sendKeys } from '@web/test-runner-commands';
import './notification-bell.js';
import { deepActiveElement, deepText, eventually, fadesDone } from '../../test/dom.js';
import { serverFixture } from '../../test/fixtures.js';
import { follow, join, likeAComment, unreadOnServer } from '../../test/notifications.js';
import type { SsNotificationBell } from './notification-bell.component.js';

const bell = (el: SsNotificationBell) => el.shadowRoot!.querySelector<HTMLButtonElement>('button.bell');
const badge = (el: SsNotificationBell) => el.shadowRoot!.querySelector('.badge')?.textContent?.trim() ?? '';
const items = (el: SsNotificationBell) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.panel .item')];
const live = (el: SsNotificationBell) => deepText(el.shadowRoot!.querySelector('[aria-live]'));

async function bellFor(client: ReturnType<Awaited<ReturnType<typeof serverFixture>>['client']>) {
  const el = await fixture<SsNotificationBell>(
    html`<ss-notification-bell .client=${client}></ss-notification-bell>`,
  );
  await eventually(() => bell(el), 'the bell never rendered');
  return el;
}

describe('<ss-notification-bell>', () => {
  it('shows the server’s unread count, and a new notification live in the open dropdown', async () => {
    const fx = await serverFixture();
    await join(fx, 'alice', 'bob', 'mod');
    await follow(fx, 'bob', 'alice');
    await unreadOnServer(fx, 'alice', 1);

    const el = await bellFor(fx.client('alice'));
    await eventually(() => badge(el) === '1', 'the badge never showed 1');
    expect(bell(el)!.getAttribute('aria-label')).to.equal('Notifications, 1 unread');
    expect(bell(el)!.getAttribute('aria-expanded')).to.equal('false');
    await fadesDone(el);
    await expect(el).to.be.accessible();

    bell(el)!.click();
    await eventually(() => items(el).length === 1, 'the dropdown never listed the follow');
    expect(bell(el)!.getAttribute('aria-expanded')).to.equal('true');
    expect(deepText(items(el)[0])).to.contain('Bob Builder started following you');
    expect(items(el)[0]!.classList.contains('item--unread')).to.be.true;
    await fadesDone(el);
    await expect(el).to.be.accessible();

    // Someone else acts on the server while the dropdown is open: it arrives over the socket.
    await likeAComment(fx, 'alice', 'mod', 'Nice weather');
    await eventually(() => items(el).length === 2, 'the like never arrived live');
    expect(deepText(items(el)[0]))
      .to.contain('Mia Moderator liked your comment')
      .and.contain('Nice weather');
    await eventually(() => badge(el) === '2', 'the badge never went to 2');
    expect(bell(el)!.getAttribute('aria-label')).to.equal('Notifications, 2 unread');
    expect(live(el)).to.equal('New notification: Mia Moderator liked your comment');
    await fadesDone(el);
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await fadesDone(el);
    await expect(el).to.be.accessible();
  });

  it('marks all as read on the server', async () => {
    const fx = await serverFixture();
    await join(fx, 'alice', 'bob');
    await follow(fx, 'bob', 'alice');
    await likeAComment(fx, 'alice', 'bob');
    await unreadOnServer(fx, 'alice', 2);
    const el = await bellFor(fx.client('alice'));
    bell(el)!.click();
    await eventually(() => items(el).length === 2);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action=mark-all]')!.click();
    await eventually(() => badge(el) === '', 'the badge never cleared');
    expect(items(el).every((i) => !i.classList.contains('item--unread'))).to.be.true;
    expect(bell(el)!.getAttribute('aria-label')).to.equal('Notifications, none unread');
    await unreadOnServer(fx, 'alice', 0);
    const { items: stored } = await notificationsOf(fx.client('alice')).list();
    expect(stored.every((n) => n.is_read)).to.be.true;
    await fadesDone(el);
    await expect(el).to.be.accessible();
  });

  it('announces a chosen item (cancelable) and marks it read', async () => {
    const fx = await serverFixture();
    await join(fx, 'alice', 'bob');
    await follow(fx, 'bob', 'alice');
    await unreadOnServer(fx, 'alice', 1);
    const el = await bellFor(fx.client('alice'));
    bell(el)!.click();
    await eventually(() => items(el).length === 1);
    const chosen = oneEvent(el, 'ss-notification-click');
    items(el)[0]!.click();
    const event = await chosen;
    expect(event.detail.notification.notification_type).to.equal('follow');
    expect(event.cancelable).to.be.true;
    await unreadOnServer(fx, 'alice', 0);
    await eventually(() => badge(el) === '');
  });

  it('opens with Enter, moves with the arrow keys, and Escape returns focus to the bell', async () => {
    const fx = await serverFixture();
    await join(fx, 'alice', 'bob');
    await likeAComment(fx, 'alice', 'bob', 'first');
    await follow(fx, 'bob', 'alice');
    await unreadOnServer(fx, 'alice', 2);
    const el = await bellFor(fx.client('alice'));
    await eventually(() => badge(el) === '2');

    bell(el)!.focus();
    await sendKeys({ press: 'Enter' });
    await eventually(() => el.open && items(el).length === 2, 'Enter never opened the dropdown');
    await eventually(() => deepActiveElement() === items(el)[0], 'focus never went to the first item');
    await sendKeys({ press: 'ArrowDown' });
    expect(deepActiveElement()).to.equal(items(el)[1]);
    await sendKeys({ press: 'ArrowDown' });
    expect(deepActiveElement(), 'wraps around').to.equal(items(el)[0]);
    await sendKeys({ press: 'ArrowUp' });
    expect(deepActiveElement()).to.equal(items(el)[1]);
    await sendKeys({ press: 'Home' });
    expect(deepActiveElement()).to.equal(items(el)[0]);
    await fadesDone(el);
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.open).to.be.false;
    expect(el.shadowRoot!.querySelector('.panel')).to.be.null;
    expect(deepActiveElement()).to.equal(bell(el));
    expect(bell(el)!.getAttribute('aria-expanded')).to.equal('false');
  });

  it('closes when the viewer clicks elsewhere, and shows nothing to anonymous readers', async () => {
    const fx = await serverFixture();
    await join(fx, 'alice');
    const el = await bellFor(fx.client('alice'));
    bell(el)!.click();
    await eventually(() =>
      deepText(el.shadowRoot!.querySelector('.panel')).includes('You are all caught up.'),
    );
    await fadesDone(el);
    await expect(el).to.be.accessible();
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await eventually(() => !el.open, 'never closed');

    const anon = await fixture<SsNotificationBell>(
      html`<ss-notification-bell .client=${fx.client()}></ss-notification-bell>`,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(bell(anon)).to.be.null;
  });

  it('speaks German on a German page', async () => {
    const fx = await serverFixture();
    await join(fx, 'alice', 'bob');
    await follow(fx, 'bob', 'alice');
    await unreadOnServer(fx, 'alice', 1);
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="de">
      <ss-notification-bell .client=${fx.client('alice')}></ss-notification-bell>
    </div>`);
    const el = wrapper.querySelector<SsNotificationBell>('ss-notification-bell')!;
    await eventually(() => bell(el)?.getAttribute('aria-label') === 'Benachrichtigungen, 1 ungelesen');
    bell(el)!.click();
    await eventually(() => items(el).length === 1);
    expect(deepText(items(el)[0])).to.contain('Folgt Ihnen jetzt: Bob Builder');
    expect(deepText(el.shadowRoot!.querySelector('.head'))).to.contain('Alle als gelesen markieren');
    await fadesDone(el);
    await expect(el).to.be.accessible();
    const { setLocale } = await import('../../localization.js');
    await setLocale('en');
  });
});
