import { localized, msg } from '@lit/localize';
import { NOTIFICATION_TYPES, type Notification, type NotificationType } from '@sharestack/protocol';
import {
  type InboxState,
  type InboxStore,
  inboxStore,
  isShareStackError,
  type ShareStackClient,
} from '@sharestack/sdk';
import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ViewerController } from '../../internal/client-controller.js';
import { emit } from '../../internal/emit.js';
import { problemMessage } from '../../internal/labels.js';
import { openNotification } from '../../internal/notification-actions.js';
import { notificationBody } from '../../internal/notification-item.js';
import { notificationTypeLabel, safeUrl } from '../../internal/notification-text.js';
import { StoreController } from '../../internal/store-controller.js';
import { adoptLangLocale, getLocale } from '../../localization.js';
import { notificationItemStyles } from '../../styles/notification-item.styles.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { themeStyles } from '../../styles/theme.styles.js';
import styles from './notification-list.styles.js';

export type NotificationView = 'all' | 'unread' | 'archived';

const viewLabel = (v: NotificationView): string =>
  ({ all: msg('All'), unread: msg('Unread'), archived: msg('Archived') })[v];

/**
 * @tag ss-notification-list
 * @summary The viewer's full inbox: all, unread or archived, by type; mark read or unread,
 * archive, delete, load more. Live: new notifications arrive at the top.
 *
 * @csspart base - The wrapper.
 * @csspart toolbar - Filters and "Mark all as read".
 * @csspart item - One notification.
 * @csspart actions - An item's buttons.
 * @csspart more - The "Load more" button.
 *
 * @cssproperty --ss-notification-unread-bg - Background of unread items (a tint of the accent).
 *
 * @event {SsNotificationClickDetail} ss-notification-click - An item was chosen (cancelable: cancel to route yourself).
 * @event {SsErrorDetail} ss-error - An action failed and was rolled back. (`detail.action`: `notifications` or `load-more`)
 */
@localized()
export class SsNotificationList extends LitElement {
  static override styles = [themeStyles, sharedStyles, notificationItemStyles, styles];

  private readonly session = new ViewerController(this);
  private readonly listState = new StoreController<InboxState>(this);
  private store?: InboxStore;

  @state() private problem = '';
  @state() private announcement = '';

  /** Which items: everything in the inbox, only unread, or the archive. */
  @property({ reflect: true }) view: NotificationView = 'all';
  /** One type only (`follow`, `like`, `comment`, `reply`, `mention`, `content_update`); all when empty. */
  @property() type: NotificationType | '' = '';
  /** Items per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;
  /** `light` (the default), `dark`, `auto` (follows the OS), or `inherit`. */
  @property({ reflect: true }) theme?: 'light' | 'dark' | 'auto' | 'inherit';
  @property({ attribute: false }) client?: ShareStackClient;

  override connectedCallback(): void {
    super.connectedCallback();
    adoptLangLocale(this);
  }

  override willUpdate(): void {
    const client = this.session.bind();
    const store = client
      ? inboxStore(client, {
          limit: this.pageSize,
          ...(this.view === 'unread' ? { is_read: false } : {}),
          ...(this.view === 'archived' ? { archived: true } : {}),
          ...(this.type ? { type: this.type } : {}),
        })
      : undefined;
    if (store !== this.store) {
      this.store = store;
      this.listState.use(store?.$state);
    }
  }

  /** Reads the list again now. */
  refresh(): Promise<void> {
    return this.store?.load() ?? Promise.resolve();
  }

  private async run(action: (store: InboxStore) => Promise<void>, done: string) {
    if (!this.store) return;
    this.problem = '';
    try {
      await action(this.store);
      this.announcement = done;
    } catch (error) {
      if (!isShareStackError(error)) throw error;
      this.problem = problemMessage(error);
      emit(this, 'ss-error', { action: 'notifications', error });
    }
  }

  private async more() {
    try {
      await this.store?.loadMore();
    } catch (error) {
      if (!isShareStackError(error)) throw error;
      emit(this, 'ss-error', { action: 'load-more', error });
    }
  }

  private renderItem(n: Notification) {
    const url = safeUrl(n.url);
    const cls = `item ${n.is_read ? '' : 'item--unread'}`;
    const described = `message-${n.id}`;
    const body = notificationBody(n, getLocale(), described);
    const open = (e: MouseEvent) =>
      openNotification(this, n, e, (item) => this.run((s) => s.markRead([item.id]), ''));
    return html`<li part="item" class="row ${n.is_read ? '' : 'row--unread'}" data-id=${n.id}>
      ${
        url
          ? html`<a class=${cls} href=${url} @click=${open} @auxclick=${open}>${body}</a>`
          : html`<button type="button" class=${cls} @click=${open}>${body}</button>`
      }
      <div class="actions" part="actions">
        ${
          n.is_archived
            ? nothing
            : html`<button
                type="button"
                class="link"
                data-action="read"
                aria-describedby=${described}
                @click=${() =>
                  this.run(
                    (s) => s.markRead([n.id], !n.is_read),
                    n.is_read ? msg('Marked as unread') : msg('Marked as read'),
                  )}
              >
                ${n.is_read ? msg('Mark as unread') : msg('Mark as read')}
              </button>`
        }
        <button
          type="button"
          class="link"
          data-action="archive"
          aria-describedby=${described}
          @click=${() =>
            this.run(
              (s) => s.archive([n.id], !n.is_archived),
              n.is_archived ? msg('Moved back to the inbox') : msg('Archived'),
            )}
        >
          ${n.is_archived ? msg('Unarchive') : msg('Archive')}
        </button>
        <button
          type="button"
          class="link link--danger"
          data-action="delete"
          aria-describedby=${described}
          @click=${() => this.run((s) => s.remove(n.id), msg('Deleted'))}
        >
          ${msg('Delete')}
        </button>
      </div>
    </li>`;
  }

  private renderBody(s: InboxState | undefined) {
    if (!s || s.status === 'idle' || s.status === 'loading') {
      return html`<p class="state" role="status">${msg('Loading notifications…')}</p>`;
    }
    if (s.status === 'error') {
      return html`<div class="state state--error" role="alert">
        <p>${s.error ? problemMessage(s.error) : ''}</p>
        <button type="button" class="btn" @click=${() => this.store?.load()}>${msg('Try again')}</button>
      </div>`;
    }
    if (s.items.length === 0) {
      const empty =
        this.view === 'archived'
          ? msg('Nothing archived.')
          : this.view === 'unread' || this.type
            ? msg('No notifications match.')
            : msg('No notifications yet.');
      return html`<p class="state">${empty}</p>`;
    }
    return html`<ul class="list" aria-label=${msg('Notifications')}>
        ${repeat(
          s.items,
          (n) => n.id,
          (n) => this.renderItem(n),
        )}
      </ul>
      ${
        s.hasMore
          ? html`<button type="button" part="more" class="btn more" ?disabled=${s.loadingMore} @click=${this.more}>
              ${s.loadingMore ? msg('Loading…') : msg('Load more')}
            </button>`
          : nothing
      }`;
  }

  override render() {
    if (!this.session.viewer) {
      return html`<p class="state">${msg('Sign in to see your notifications.')}</p>`;
    }
    const s = this.listState.value;
    const unread = s?.items.some((n) => !n.is_read) ?? false;
    return html`<section part="base" class="base" aria-label=${msg('Notifications')}>
      <div class="toolbar" part="toolbar">
        <div class="views" role="group" aria-label=${msg('Show')}>
          ${(['all', 'unread', 'archived'] as const).map(
            (v) => html`<button
              type="button"
              class="view"
              data-view=${v}
              aria-pressed=${this.view === v ? 'true' : 'false'}
              @click=${() => {
                this.view = v;
              }}
            >
              ${viewLabel(v)}
            </button>`,
          )}
        </div>
        <label class="type">
          <span>${msg('Type')}</span>
          <select
            class="input"
            .value=${this.type}
            @change=${(e: Event) => {
              this.type = (e.target as HTMLSelectElement).value as NotificationType | '';
            }}
          >
            <option value="" ?selected=${!this.type}>${msg('All types')}</option>
            ${NOTIFICATION_TYPES.map(
              (t) =>
                html`<option value=${t} ?selected=${this.type === t}>${notificationTypeLabel(t)}</option>`,
            )}
          </select>
        </label>
        <button
          type="button"
          class="btn"
          data-action="mark-all"
          ?disabled=${this.view === 'archived' || !unread}
          @click=${() => this.run((st) => st.markAllRead(this.type || undefined), msg('All marked as read'))}
        >
          ${msg('Mark all as read')}
        </button>
      </div>
      ${this.renderBody(s)}
      ${this.problem ? html`<p role="alert" class="error">${this.problem}</p>` : nothing}
      <p class="sr-only" role="status">${this.announcement}</p>
    </section>`;
  }
}
