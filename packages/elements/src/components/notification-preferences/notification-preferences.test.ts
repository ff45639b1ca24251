import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { NOTIFICATION_TYPES } from '@sharestack/protocol';
import { notificationsOf } from '@sharestack/sdk';
import './notification-preferences.js';
import { deepText, eventually, fadesDone } from '../../test/dom.js';
import { type ServerFixture, serverFixture, type User } from '../../test/fixtures.js';
import { join } from '../../test/notifications.js';
import type { SsNotificationPreferences } from './notification-preferences.component.js';

const box = (el: SsNotificationPreferences, type: string, channel: string) =>
  el.shadowRoot!.querySelector<HTMLInputElement>(`input[data-type=${type}][data-channel=${channel}]`)!;

async function preferencesFor(fx: ServerFixture, user: User | null) {
  const el = await fixture<SsNotificationPreferences>(
    html`<ss-notification-preferences .client=${fx.client(user)}></ss-notification-preferences>`,
  );
  await eventually(
    () => el.shadowRoot!.querySelector(user ? 'table, [role=alert]' : '.state'),
    'the preferences never rendered',
  );
  return el;
}

describe('<ss-notification-preferences>', () => {
  it('shows the server’s switches with labels, and a toggle persists on the server', async () => {
    const fx = await serverFixture();
    await join(fx, 'alice');
    const server = await notificationsOf(fx.client('alice')).preferences.get();
    const el = await preferencesFor(fx, 'alice');
    await fadesDone(el);
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await fadesDone(el);
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(13, 17, 23)');
    await fadesDone(el);
    await expect(el).to.be.accessible();

    for (const type of NOTIFICATION_TYPES) {
      for (const channel of ['in_app', 'email', 'push'] as const) {
        const input = box(el, type, channel);
        expect(input.checked, `${type} ${channel}`).to.equal(server.types[type][channel]);
        const available =
          channel === 'email' ? server.email_available : channel === 'push' ? server.push_available : true;
        expect(input.disabled, `${type} ${channel} disabled`).to.equal(!available);
      }
    }
    // Each box is named by its row and column.
    const like = box(el, 'like', 'in_app');
    const names = like
      .getAttribute('aria-labelledby')!
      .split(' ')
      .map((id) => deepText(el.shadowRoot!.getElementById(id)));
    expect(names).to.deep.equal(['Likes', 'In the app']);

    const saved = oneEvent(el, 'ss-notification-preferences-changed');
    const was = like.checked;
    like.click();
    expect((await saved).detail.preferences.types.like.in_app).to.equal(!was);
    const after = await notificationsOf(fx.client('alice')).preferences.get();
    expect(after.types.like.in_app).to.equal(!was);
    // Nothing else changed.
    expect({ ...after.types, like: server.types.like }).to.deep.equal(server.types);
    await eventually(() => deepText(el.shadowRoot!.querySelector('.sr-only[role=status]')) === 'Saved');
  });

  it('explains channels the server cannot use, and keeps the email frequency', async () => {
    const fx = await serverFixture();
    await join(fx, 'alice');
    const server = await notificationsOf(fx.client('alice')).preferences.get();
    const el = await preferencesFor(fx, 'alice');
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('#frequency')!;
    expect(select.value).to.equal(server.email_frequency);
    // The test server has no SMTP_URL (and the tokens carry no email); it keeps VAPID keys.
    expect(server).to.include({ email_available: false, push_available: true });
    expect(select.disabled).to.be.true;
    expect(box(el, 'follow', 'email').getAttribute('aria-describedby')).to.equal('email-note');
    expect(deepText(el.shadowRoot!.getElementById('email-note'))).to.contain('Email is not available');
    expect(el.shadowRoot!.getElementById('push-note')).to.be.null;
    // Push is available, but this page has no service worker and names none.
    await eventually(() =>
      deepText(el.shadowRoot!.querySelector('[part=push]')).includes('not set up for push'),
    );
    expect(el.shadowRoot!.querySelector('[data-action=push]')).to.be.null;
    await fadesDone(el);
    await expect(el).to.be.accessible();
  });

  it('registers the named service worker and reports what the browser refuses', async () => {
    const fx = await serverFixture();
    await join(fx, 'alice');
    const worker = `/src/test/push-worker.js?server=${encodeURIComponent(fx.baseUrl)}`;
    const el = await fixture<SsNotificationPreferences>(
      html`<ss-notification-preferences .client=${fx.client('alice')} service-worker=${worker}></ss-notification-preferences>`,
    );
    const button = () => el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action=push]');
    await eventually(() => button(), 'no push button');
    expect(deepText(button())).to.equal('Turn on push in this browser');
    await fadesDone(el);
    await expect(el).to.be.accessible();
    try {
      button()!.click();
      // Headless Chromium has no push service to subscribe with (and asks no one for permission):
      // the worker is registered, the subscription refused, and the viewer told so.
      await eventually(() => el.shadowRoot!.querySelector('[role=alert]'), 'no problem shown');
      expect(deepText(el.shadowRoot!.querySelector('[role=alert]'))).to.match(
        /blocked for this site|could not be changed/,
      );
      const registration = await navigator.serviceWorker.getRegistration(new URL(worker, location.href).href);
      expect(registration, 'the worker was registered').to.exist;
      expect(registration!.active?.scriptURL).to.contain('push-worker.js');
      await eventually(() => deepText(button()) === 'Turn on push in this browser');
      expect(button()!.disabled).to.be.false;
      await fadesDone(el);
      await expect(el).to.be.accessible();
    } finally {
      for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
    }
  });

  it('renders in German and asks anonymous readers to sign in', async () => {
    const fx = await serverFixture();
    await join(fx, 'alice');
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="de">
      <ss-notification-preferences .client=${fx.client('alice')}></ss-notification-preferences>
    </div>`);
    const el = wrapper.querySelector<SsNotificationPreferences>('ss-notification-preferences')!;
    await eventually(() => deepText(el.shadowRoot!.querySelector('h2')) === 'Benachrichtigungseinstellungen');
    expect(deepText(el.shadowRoot!.querySelector('thead'))).to.contain('In der App');
    await fadesDone(el);
    await expect(el).to.be.accessible();
    const { setLocale } = await import('../../localization.js');
    await setLocale('en');

    const anon = await preferencesFor(fx, null);
    expect(deepText(anon.shadowRoot!)).to.equal('Sign in to choose your notifications.');
  });
});
