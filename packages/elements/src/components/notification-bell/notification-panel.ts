import { msg } from '@lit/localize';
import type { Notification } from '@sharestack/protocol';
import {
  type InboxState,
  type InboxStore,
  inboxStore,
  isShareStackError,
  type ShareStackClient,
} from '@sharestack/sdk';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { emit } from '../../internal/emit.js';
import { problemMessage } from '../../internal/labels.js';
import { openNotification } from '../../internal/notification-actions.js';
import { notificationBody } from '../../internal/notification-item.js';
import { safeUrl } from '../../internal/notification-text.js';
import { StoreController } from '../../internal/store-controller.js';
import { getLocale } from '../../localization.js';

/** What the dropdown needs of its bell. */
export interface PanelHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  limit: number;
  inboxUrl?: string | undefined;
  hide(returnFocus?: boolean): void;
}

/**
 * The bell's dropdown: the latest items, mark read, mark all, and moving between items with the
 * arrow keys. Loaded when the bell is about to open (hover, focus) so a page that never opens it
 * downloads only the bell and its count.
 */
export class BellPanel implements ReactiveController {
  private readonly listState: StoreController<InboxState>;
  private store?: InboxStore;
  private focusIndex = 0;
  private problem = '';
  /** Focus the first item as soon as there is one. */
  private focusFirst = false;

  constructor(private readonly host: PanelHost) {
    host.addController(this);
    this.listState = new StoreController<InboxState>(host);
  }

  /** Follows the bell's client and size. */
  bind(client: ShareStackClient | undefined): void {
    const store = client ? inboxStore(client, { limit: this.host.limit }) : undefined;
    if (store === this.store) return;
    this.store = store;
    this.listState.use(store?.$state);
  }

  get items(): Notification[] {
    return this.listState.value?.items.slice(0, this.host.limit) ?? [];
  }

  /** Moves focus into the dropdown: the first item, or the dropdown itself until items arrive. */
  focusIn(): void {
    this.focusIndex = 0;
    this.focusFirst = !this.focusItem(0);
    if (this.focusFirst) this.host.renderRoot.querySelector<HTMLElement>('.panel')?.focus();
  }

  hostUpdated(): void {
    if (this.focusFirst && this.focusItem(0)) this.focusFirst = false;
  }

  hostDisconnected(): void {
    this.focusFirst = false;
  }

  private focusItem(index: number): boolean {
    const items = this.host.renderRoot.querySelectorAll<HTMLElement>('.item');
    if (items.length === 0) return false;
    this.focusIndex = Math.max(0, Math.min(items.length - 1, index));
    items.forEach((el, i) => {
      el.tabIndex = i === this.focusIndex ? 0 : -1;
    });
    items[this.focusIndex]?.focus();
    return true;
  }

  private readonly onKey = (e: KeyboardEvent) => {
    const count = this.items.length;
    const inList = (e.target as HTMLElement).classList.contains('item');
    switch (e.key) {
      case 'Escape':
        e.stopPropagation();
        this.host.hide();
        break;
      case 'ArrowDown':
        if (!count) return;
        this.focusItem(inList ? (this.focusIndex + 1) % count : 0);
        break;
      case 'ArrowUp':
        if (!count) return;
        this.focusItem(inList ? (this.focusIndex - 1 + count) % count : count - 1);
        break;
      case 'Home':
      case 'End':
        if (!inList) return;
        this.focusItem(e.key === 'Home' ? 0 : count - 1);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  private readonly onFocusOut = (e: FocusEvent) => {
    const next = e.relatedTarget as Node | null;
    if (next && !this.host.renderRoot.contains(next) && !this.host.contains(next)) this.host.hide(false);
  };

  private async run(action: (store: InboxStore) => Promise<void>) {
    if (!this.store) return;
    this.problem = '';
    try {
      await action(this.store);
    } catch (error) {
      if (!isShareStackError(error)) throw error;
      this.problem = problemMessage(error);
      emit(this.host, 'ss-error', { action: 'notifications', error });
    } finally {
      this.host.requestUpdate();
    }
  }

  private renderItem(n: Notification, index: number) {
    const url = safeUrl(n.url);
    const cls = `item ${n.is_read ? '' : 'item--unread'}`;
    const tabindex = index === this.focusIndex ? 0 : -1;
    const body = notificationBody(n, getLocale());
    const onFocus = () => {
      this.focusIndex = index;
    };
    const open = (e: MouseEvent) =>
      openNotification(
        this.host,
        n,
        e,
        (item) => this.run((s) => s.markRead([item.id])),
        () => this.host.hide(false),
      );
    return html`<li>
      ${
        url
          ? html`<a part="item" class=${cls} href=${url} tabindex=${tabindex} data-id=${n.id}
              @focus=${onFocus} @click=${open} @auxclick=${open}>${body}</a>`
          : html`<button type="button" part="item" class=${cls} tabindex=${tabindex} data-id=${n.id}
              @focus=${onFocus} @click=${open}>${body}</button>`
      }
    </li>`;
  }

  private renderList() {
    const s = this.listState.value;
    if (!s || s.status === 'idle' || s.status === 'loading') {
      return html`<p class="state" role="status">${msg('Loading notifications…')}</p>`;
    }
    if (s.status === 'error') {
      return html`<div class="state state--error" role="alert">
        ${s.error ? problemMessage(s.error) : ''}
        <button type="button" class="link" @click=${() => this.store?.load()}>${msg('Try again')}</button>
      </div>`;
    }
    if (s.items.length === 0) return html`<p class="state">${msg('You are all caught up.')}</p>`;
    return html`<ul class="list" aria-label=${msg('Latest notifications')}>
      ${repeat(
        this.items,
        (n) => n.id,
        (n, i) => this.renderItem(n, i),
      )}
    </ul>`;
  }

  render(unreadCount: number) {
    const unread = unreadCount > 0 || this.items.some((n) => !n.is_read);
    return html`<div
      id="panel"
      part="panel"
      class="panel"
      role="dialog"
      aria-label=${msg('Notifications')}
      tabindex="-1"
      @keydown=${this.onKey}
      @focusout=${this.onFocusOut}
    >
      <div class="head">
        <h2 class="title">${msg('Notifications')}</h2>
        <button
          type="button"
          class="link"
          data-action="mark-all"
          ?disabled=${!unread}
          @click=${() => this.run((s) => s.markAllRead())}
        >
          ${msg('Mark all as read')}
        </button>
      </div>
      ${this.renderList()}
      ${this.problem ? html`<p role="alert" class="error">${this.problem}</p>` : nothing}
      ${
        this.host.inboxUrl
          ? html`<a part="see-all" class="see-all" href=${this.host.inboxUrl}>${msg('See all notifications')}</a>`
          : nothing
      }
    </div>`;
  }
}
