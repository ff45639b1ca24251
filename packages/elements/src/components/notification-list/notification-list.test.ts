import { expect, fixture, html } from '@open-wc/testing';
import { notificationsOf } from '@sharestack/sdk';
import './notification-list.js';
import { deepText, eventually, fadesDone } from '../../test/dom.js';
import { type ServerFixture, serverFixture, type User } from '../../test/fixtures.js';
import { follow, join, likeAComment, unreadOnServer } from '../../test/notifications.js';
import type { SsNotificationList } from './notification-list.component.js';

const rows = (el: SsNotificationList) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.row')];
const texts = (el: SsNotificationList) => rows(el).map((r) => deepText(r.querySelector('.message')));
const action = (row: HTMLElement, name: string) =>
  row.querySelector<HTMLButtonElement>(`[data-action=${name}]`)!;
const view = (el: SsNotificationList, name: string) =>
  el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-view=${name}]`)!;
const state = (el: SsNotificationList) => deepText(el.shadowRoot!.querySelector('.state'));

async function listFor(fx: ServerFixture, user: User | null, attrs: { pageSize?: number } = {}) {
  const el = await fixture<SsNotificationList>(
    html`<ss-notification-list .client=${fx.client(user)} page-size=${attrs.pageSize ?? 20}></ss-notification-list>`,
  );
  // Signed in: the list, or a state other than loading, inside the section; anonymous: the hint.
  const done = user ? '.base .list, .base .state:not([role=status])' : '.state';
  await eventually(() => el.shadowRoot!.querySelector(done), 'the list never rendered');
  return el;
}

/** alice: one like (of her comment, by bob) and one follow (by bob), newest first. */
async function twoNotifications() {
  const fx = await serverFixture();
  await join(fx, 'alice', 'bob');
  await likeAComment(fx, 'alice', 'bob', 'Lovely');
  await follow(fx, 'bob', 'alice');
  await unreadOnServer(fx, 'alice', 2);
  return fx;
}

describe('<ss-notification-list>', () => {
  it('lists the inbox, marks read and unread, and filters unread and by type', async () => {
    const fx = await twoNotifications();
    const el = await listFor(fx, 'alice');
    expect(texts(el)).to.deep.equal(['Bob Builder started following you', 'Bob Builder liked your comment']);
    expect(deepText(rows(el)[1])).to.contain('Lovely');
    // Each item's buttons say which item they act on.
    const described = action(rows(el)[1]!, 'delete').getAttribute('aria-describedby')!;
    expect(deepText(el.shadowRoot!.getElementById(described))).to.equal('Bob Builder liked your comment');
    await fadesDone(el);
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await fadesDone(el);
    await expect(el).to.be.accessible();
    el.theme = 'light';
    await fadesDone(el);

    action(rows(el)[0]!, 'read').click();
    await eventually(() => !rows(el)[0]!.classList.contains('row--unread'));
    await unreadOnServer(fx, 'alice', 1);
    expect(deepText(action(rows(el)[0]!, 'read'))).to.equal('Mark as unread');

    view(el, 'unread').click();
    await eventually(() => texts(el).length === 1 && texts(el)[0] === 'Bob Builder liked your comment');
    expect(view(el, 'unread').getAttribute('aria-pressed')).to.equal('true');
    await fadesDone(el);
    await expect(el).to.be.accessible();

    view(el, 'all').click();
    await eventually(() => texts(el).length === 2);
    action(rows(el)[0]!, 'read').click();
    await unreadOnServer(fx, 'alice', 2);

    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('select')!;
    select.value = 'follow';
    select.dispatchEvent(new Event('change'));
    await eventually(() => texts(el).length === 1 && texts(el)[0] === 'Bob Builder started following you');

    // Nothing of this type: the empty state.
    select.value = 'mention';
    select.dispatchEvent(new Event('change'));
    await eventually(() => state(el) === 'No notifications match.');
    await fadesDone(el);
    await expect(el).to.be.accessible();
  });

  it('archives into the archive and back, deletes, and marks all read on the server', async () => {
    const fx = await twoNotifications();
    const el = await listFor(fx, 'alice');
    const [followRow] = rows(el);
    const followId = followRow!.dataset.id!;

    action(followRow!, 'archive').click();
    await eventually(() => texts(el).length === 1);
    await unreadOnServer(fx, 'alice', 1);
    const archived = await notificationsOf(fx.client('alice')).list({ archived: true });
    expect(archived.items.map((n) => n.id)).to.deep.equal([followId]);

    view(el, 'archived').click();
    await eventually(
      () => texts(el)[0] === 'Bob Builder started following you',
      'the archive never showed it',
    );
    expect(el.shadowRoot!.querySelector('[data-action=mark-all]')).to.have.property('disabled', true);
    await fadesDone(el);
    await expect(el).to.be.accessible();
    action(rows(el)[0]!, 'archive').click();
    await eventually(() => state(el) === 'Nothing archived.');
    await unreadOnServer(fx, 'alice', 2);

    view(el, 'all').click();
    await eventually(() => texts(el).length === 2);
    const likeRow = rows(el).find((r) => r.dataset.id !== followId)!;
    action(likeRow, 'delete').click();
    await eventually(() => texts(el).length === 1);
    const left = await notificationsOf(fx.client('alice')).list();
    expect(left.items.map((n) => n.id)).to.deep.equal([followId]);

    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action=mark-all]')!.click();
    await unreadOnServer(fx, 'alice', 0);
    await eventually(() => rows(el).every((r) => !r.classList.contains('row--unread')));
  });

  it('loads more pages, and takes new notifications live at the top', async () => {
    const fx = await twoNotifications();
    const el = await listFor(fx, 'alice', { pageSize: 1 });
    expect(texts(el)).to.have.length(1);
    const more = el.shadowRoot!.querySelector<HTMLButtonElement>('[part=more]')!;
    more.click();
    await eventually(() => texts(el).length === 2, 'the second page never came');
    expect(el.shadowRoot!.querySelector('[part=more]')).to.be.null;

    await join(fx, 'mod');
    await likeAComment(fx, 'alice', 'mod', 'Live one');
    await eventually(() => texts(el)[0] === 'Mia Moderator liked your comment', 'never arrived live');
  });

  it('shows the empty, error and signed-out states', async () => {
    const fx = await serverFixture();
    await join(fx, 'alice');
    const empty = await listFor(fx, 'alice');
    expect(state(empty)).to.equal('No notifications yet.');
    await fadesDone(empty);
    await expect(empty).to.be.accessible();

    // More per page than the server allows: it refuses with a problem the list shows.
    const refused = await listFor(fx, 'alice', { pageSize: 10_000 });
    await eventually(() => refused.shadowRoot!.querySelector('[role=alert]'), 'no error state');
    expect(refused.shadowRoot!.querySelector('.state--error button')).to.exist;
    await fadesDone(refused);
    await expect(refused).to.be.accessible();

    const anon = await listFor(fx, null);
    expect(state(anon)).to.equal('Sign in to see your notifications.');
  });
});
