import { localized, msg, str } from '@lit/localize';
import type { ShareChannel } from '@sharestack/protocol';
import {
  isShareStackError,
  type ShareStackClient,
  type ShareStore,
  type ShareStoreState,
  shareStore,
} from '@sharestack/sdk';
import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ClientController } from '../../internal/client-controller.js';
import { emit } from '../../internal/emit.js';
import { problemMessage } from '../../internal/labels.js';
import { PopoverDismiss } from '../../internal/popover-dismiss.js';
import { StoreController } from '../../internal/store-controller.js';
import { adoptLangLocale, getLocale } from '../../localization.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { themeStyles } from '../../styles/theme.styles.js';
import styles from './share-button.styles.js';
import { isWebUrl, LINK_CHANNELS, type LinkChannel, shareLink } from './share-links.js';

let instances = 0;

/** How long "Link copied" shows in the menu before it closes. */
const COPIED_MS = 2000;

const channelLabel = (c: LinkChannel): string =>
  ({
    email: msg('Email'),
    x: 'X',
    facebook: 'Facebook',
    linkedin: 'LinkedIn',
    reddit: 'Reddit',
    whatsapp: 'WhatsApp',
  })[c];

/**
 * @tag ss-share-button
 * @summary Shares a piece of content: the system share sheet (Web Share API) where the browser has
 * one, else a menu — copy link, email and the usual networks. Every share is counted.
 *
 * The menu opens over the page, anchored to the button. Escape closes it and returns to the
 * button; a click or focus elsewhere closes it too. "Copy link" says "Link copied" in the menu for
 * a moment (and to screen readers); where the clipboard refuses, the menu shows the link in a
 * read-only field, selected for the viewer to copy.
 *
 * @csspart base - The share button.
 * @csspart count - The share count (with `show-count`).
 * @csspart menu - The fallback menu.
 * @csspart link - The field with the link, where the clipboard could not be written.
 *
 * @cssproperty --ss-z-index - Stacking of the menu (default 1000).
 *
 * @event {SsShareDetail} ss-share - The viewer shared (the share is recorded).
 * @event {SsErrorDetail} ss-error - Recording the share failed. (`detail.action`: `share`)
 */
@localized()
export class SsShareButton extends LitElement {
  static override styles = [themeStyles, sharedStyles, styles];

  private readonly clients = new ClientController(this);
  private readonly storeState = new StoreController<ShareStoreState>(this);
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a controller works through the host it joined
  private readonly dismiss = new PopoverDismiss(this, {
    isOpen: () => this.open,
    escape: () => this.close(true),
    away: () => this.close(false),
  });
  private readonly uid = `ss-share-${++instances}`;
  private store?: ShareStore;

  @state() private open = false;
  @state() private status = '';
  /** The link was just copied: the menu says so until it closes. */
  @state() private copied = false;
  /** The clipboard refused: the menu shows the link to copy by hand. */
  @state() private manualCopy = false;
  private copiedTimer?: ReturnType<typeof setTimeout>;

  @query('button.share') private button?: HTMLButtonElement;
  @query('input.url') private linkField?: HTMLInputElement;

  /** The content key whose shares are counted. */
  @property({ attribute: 'content-id' }) contentId = '';
  /** The link to share; defaults to the content's recorded URL, then the page's. */
  @property() url?: string;
  /** The title offered with the link. */
  @property({ attribute: 'share-title' }) shareTitle?: string;
  /** Shows how often the content was shared. */
  @property({ type: Boolean, attribute: 'show-count' }) showCount = false;
  /** Always uses the menu, even where the browser has a share sheet. */
  @property({ type: Boolean, attribute: 'no-native' }) noNative = false;
  /** `light` (the default), `dark`, `auto` (follows the OS), or `inherit`. */
  @property({ reflect: true }) theme?: 'light' | 'dark' | 'auto' | 'inherit';
  @property({ attribute: false }) client?: ShareStackClient;

  override connectedCallback(): void {
    super.connectedCallback();
    adoptLangLocale(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.close(false);
  }

  override willUpdate(): void {
    const client = this.clients.value;
    const store = client && this.contentId ? shareStore(client, this.contentId) : undefined;
    if (store !== this.store) {
      this.store = store;
      this.storeState.use(store?.$state);
    }
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('manualCopy') && this.manualCopy) {
      this.linkField?.focus();
      this.linkField?.select();
    }
  }

  /** Closes the menu; focus goes back to the button when it was in the element (or nowhere) and `returnFocus` allows. */
  private close(returnFocus: boolean) {
    clearTimeout(this.copiedTimer);
    this.copied = false;
    this.manualCopy = false;
    if (!this.open) return;
    const active = document.activeElement;
    this.open = false;
    if (returnFocus && (!active || active === document.body || active === this)) this.button?.focus();
  }

  private get link(): string {
    if (isWebUrl(this.url)) return this.url;
    const recorded = this.storeState.value?.share_url;
    return isWebUrl(recorded) ? recorded : location.href;
  }

  private get shareText(): string {
    return this.shareTitle ?? document.title;
  }

  private async record(channel: ShareChannel) {
    const url = this.link;
    emit(this, 'ss-share', { contentId: this.contentId, channel, url });
    if (!this.store) return;
    try {
      await this.store.record(channel, {
        ...(isWebUrl(this.url) ? { content_url: this.url } : {}),
        ...(this.shareTitle ? { content_title: this.shareTitle } : {}),
      });
    } catch (error) {
      if (!isShareStackError(error)) throw error;
      this.status = problemMessage(error);
      emit(this, 'ss-error', { action: 'share', error });
    }
  }

  private async share() {
    this.status = '';
    const data = { title: this.shareText, url: this.link };
    if (!this.noNative && typeof navigator.share === 'function' && navigator.canShare?.(data) !== false) {
      try {
        await navigator.share(data);
        await this.record('native');
      } catch (error) {
        // AbortError: the viewer closed the sheet. Anything else: offer the menu instead.
        if ((error as DOMException).name !== 'AbortError') this.open = true;
      }
      return;
    }
    if (this.open) this.close(true);
    else this.open = true;
  }

  private async copy() {
    clearTimeout(this.copiedTimer);
    try {
      await navigator.clipboard.writeText(this.link);
      this.status = msg('Link copied');
      if (this.open) {
        this.copied = true;
        this.copiedTimer = setTimeout(() => this.close(true), COPIED_MS);
      }
    } catch {
      this.status = msg(str`Copy this link: ${this.link}`);
      // The menu stays open until dismissed: the viewer copies the selected link themselves.
      this.manualCopy = this.open;
    }
    await this.record('copy');
  }

  private renderCopy(url: string) {
    if (this.manualCopy) {
      return html`<li class="manual">
        <label class="label" for="${this.uid}-link">${msg('Copy link')}</label>
        <input
          id="${this.uid}-link"
          part="link"
          class="input url"
          type="url"
          readonly
          .value=${url}
          @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()}
        />
      </li>`;
    }
    return html`<li>
      <button type="button" class="item" data-channel="copy" @click=${this.copy}>
        ${
          this.copied
            ? html`<span class="done" aria-hidden="true">✓</span> ${msg('Link copied')}`
            : msg('Copy link')
        }
      </button>
    </li>`;
  }

  private renderMenu() {
    const url = this.link;
    const title = this.shareText;
    return html`<ul part="menu" class="menu" id="${this.uid}-menu" aria-label=${msg('Share via')}>
      ${this.renderCopy(url)}
      ${LINK_CHANNELS.map(
        (channel) => html`<li>
          <a
            class="item"
            data-channel=${channel}
            href=${shareLink(channel, url, title)}
            target=${channel === 'email' ? nothing : '_blank'}
            rel="noopener noreferrer"
            @click=${() => {
              this.close(false);
              void this.record(channel);
            }}
            >${channelLabel(channel)}</a
          >
        </li>`,
      )}
    </ul>`;
  }

  override render() {
    const s = this.storeState.value;
    const count = s?.share_count ?? 0;
    const countText = new Intl.NumberFormat(getLocale(), { notation: 'compact' }).format(count);
    // The menu hangs from the button's box, however tall a flex row stretches the host.
    return html`
      <span class="wrap">
        <button
          type="button"
          part="base"
          class="share"
          aria-haspopup="true"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls="${this.uid}-menu"
          @click=${this.share}
        >
          <span aria-hidden="true">↗</span> ${msg('Share')}
        </button>
        ${
          this.showCount && s?.status === 'ready'
            ? html`<span part="count" class="count"
                >${count === 1 ? msg('1 share') : msg(str`${countText} shares`)}</span
              >`
            : nothing
        }
        <span class="sr-only" role="status">${this.status}</span>
        ${this.open ? this.renderMenu() : nothing}
      </span>
    `;
  }
}
