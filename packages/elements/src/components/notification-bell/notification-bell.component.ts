import { localized, msg, str } from '@lit/localize';
import { notificationHub, type ShareStackClient } from '@sharestack/sdk';
import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ViewerController } from '../../internal/client-controller.js';
import { badgeText, notificationText, unreadLabel } from '../../internal/notification-text.js';
import { StoreController } from '../../internal/store-controller.js';
import { adoptLangLocale } from '../../localization.js';
import { notificationItemStyles } from '../../styles/notification-item.styles.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { themeStyles } from '../../styles/theme.styles.js';
import styles from './notification-bell.styles.js';
import type { BellPanel } from './notification-panel.js';

const bellIcon = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
  <path
    fill="currentColor"
    d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
  />
</svg>`;

/**
 * @tag ss-notification-bell
 * @summary A bell with the viewer's unread count that opens their latest notifications: live,
 * grouped ("Ann and 4 others liked your comment"), mark read, mark all read.
 *
 * Keyboard: Enter or Space (or ↓) opens and moves to the first item, ↓/↑/Home/End move between
 * items, Escape closes and returns to the bell. New notifications are announced to screen readers.
 * The dropdown's code loads when the bell is about to be used (hover, focus).
 *
 * @csspart button - The bell button.
 * @csspart badge - The unread count on it.
 * @csspart panel - The dropdown.
 * @csspart item - One notification in it.
 * @csspart see-all - The link to the full inbox (with `inbox-url`).
 *
 * @cssproperty --ss-color-danger - The badge.
 * @cssproperty --ss-notification-unread-bg - Background of unread items (a tint of the accent).
 * @cssproperty --ss-notification-panel-width - Width of the dropdown (default 22rem).
 * @cssproperty --ss-notification-panel-max-height - Height before it scrolls (default 28rem).
 * @cssproperty --ss-z-index - Stacking of the dropdown (default 1000).
 *
 * @event {SsNotificationClickDetail} ss-notification-click - An item was chosen (cancelable: cancel to route yourself).
 * @event {SsErrorDetail} ss-error - Marking read failed and was rolled back. (`detail.action`: `notifications`)
 */
@localized()
export class SsNotificationBell extends LitElement {
  static override styles = [themeStyles, sharedStyles, notificationItemStyles, styles];

  private readonly session = new ViewerController(this);
  private readonly countState = new StoreController<number | null>(this);
  private stopAnnouncing?: () => void;
  private panel?: BellPanel;
  private panelLoading?: Promise<BellPanel>;

  @state() private announcement = '';

  @query('button.bell') private bell?: HTMLButtonElement;

  /** Whether the dropdown is open. */
  @property({ type: Boolean, reflect: true }) open = false;
  /** How many of the latest notifications the dropdown shows. */
  @property({ type: Number }) limit = 8;
  /** The page with the full inbox (`<ss-notification-list>`), linked at the bottom of the dropdown. */
  @property({ attribute: 'inbox-url' }) inboxUrl?: string;
  /** `light` (the default), `dark`, `auto` (follows the OS), or `inherit`. */
  @property({ reflect: true }) theme?: 'light' | 'dark' | 'auto' | 'inherit';
  @property({ attribute: false }) client?: ShareStackClient;

  override connectedCallback(): void {
    super.connectedCallback();
    adoptLangLocale(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopAnnouncing?.();
    this.session.bound = undefined;
    document.removeEventListener('pointerdown', this.onOutside, true);
  }

  override willUpdate(): void {
    const client = this.session.bind();
    if (this.session.changed) {
      const hub = client ? notificationHub(client) : undefined;
      this.countState.use(hub?.$unreadCount);
      this.stopAnnouncing?.();
      this.stopAnnouncing = hub?.listen((signal) => {
        if (signal.kind === 'new' && !signal.notification.is_read) {
          const text = notificationText(signal.notification);
          this.announcement = msg(str`New notification: ${text}`);
        }
      });
    }
    if (this.open) void this.loadPanel();
    this.panel?.bind(client);
  }

  override updated(): void {
    if (this.open) document.addEventListener('pointerdown', this.onOutside, true);
    else document.removeEventListener('pointerdown', this.onOutside, true);
  }

  /** Opens the dropdown and moves focus into it. */
  async show(): Promise<void> {
    this.open = true;
    const panel = await this.loadPanel();
    await this.updateComplete;
    if (this.open) panel.focusIn();
  }

  /** Closes the dropdown; focus goes back to the bell unless told otherwise. */
  hide(returnFocus = true): void {
    if (!this.open) return;
    this.open = false;
    if (returnFocus) this.bell?.focus();
  }

  /** Loads the dropdown's code (and starts reading the latest items). */
  private loadPanel(): Promise<BellPanel> {
    this.panelLoading ??= import('./notification-panel.js').then(({ BellPanel }) => {
      this.panel = new BellPanel(this);
      this.requestUpdate();
      return this.panel;
    });
    return this.panelLoading;
  }

  private readonly onOutside = (e: Event) => {
    if (!e.composedPath().includes(this)) this.hide(false);
  };

  private onBellKey(e: KeyboardEvent) {
    if (e.key === 'ArrowDown' && !this.open) {
      e.preventDefault();
      void this.show();
    } else if (e.key === 'Escape' && this.open) {
      e.preventDefault();
      this.hide();
    }
  }

  override render() {
    if (!this.session.viewer) return nothing;
    const count = this.countState.value ?? 0;
    // The dropdown hangs from the button's box, however tall a flex row stretches the host.
    return html`<span class="anchor">
      <button
        type="button"
        part="button"
        class="bell"
        aria-label=${unreadLabel(count)}
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        @click=${() => (this.open ? this.hide() : this.show())}
        @keydown=${this.onBellKey}
        @pointerenter=${this.loadPanel}
        @focus=${this.loadPanel}
      >
        ${bellIcon}
        ${count > 0 ? html`<span part="badge" class="badge" aria-hidden="true">${badgeText(count)}</span>` : nothing}
      </button>
      ${
        this.open
          ? (this.panel?.render(count) ??
            html`<div id="panel" part="panel" class="panel" role="dialog" aria-label=${msg('Notifications')} tabindex="-1">
              <p class="state" role="status">${msg('Loading notifications…')}</p>
            </div>`)
          : nothing
      }
      </span>
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    `;
  }
}
