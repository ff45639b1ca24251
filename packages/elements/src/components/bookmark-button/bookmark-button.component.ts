import { localized, msg } from '@lit/localize';
import {
  type BookmarkStore,
  type BookmarkStoreState,
  bookmarkStore,
  isShareStackError,
  type ShareStackClient,
} from '@sharestack/sdk';
import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ViewerController } from '../../internal/client-controller.js';
import { emit } from '../../internal/emit.js';
import { problemMessage } from '../../internal/labels.js';
import { PopoverDismiss } from '../../internal/popover-dismiss.js';
import { StoreController } from '../../internal/store-controller.js';
import { adoptLangLocale } from '../../localization.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { themeStyles } from '../../styles/theme.styles.js';
import styles from './bookmark-button.styles.js';

let instances = 0;

/**
 * @tag ss-bookmark-button
 * @summary Bookmarks a piece of content at once; a panel picks the collection and edits notes.
 *
 * The panel opens over the page, anchored to the buttons (it never moves what is around them).
 * Escape or Cancel closes it, dropping what was typed, and returns to its button; a click or focus
 * elsewhere (or the button again) closes it and keeps what was typed for the next time it opens.
 *
 * @csspart base - The bookmark toggle.
 * @csspart edit - The button that opens the panel.
 * @csspart panel - The collection and notes form.
 *
 * @cssproperty --ss-color-accent - The bookmarked state.
 * @cssproperty --ss-z-index - Stacking of the panel (default 1000).
 *
 * @event {SsBookmarkChangedDetail} ss-bookmark-changed - The viewer saved, edited or removed the bookmark.
 * @event {SsErrorDetail} ss-error - A change failed and was rolled back. (`detail.action`: `bookmark`)
 */
@localized()
export class SsBookmarkButton extends LitElement {
  static override styles = [themeStyles, sharedStyles, styles];

  private readonly session = new ViewerController(this);
  private readonly storeState = new StoreController<BookmarkStoreState>(this);
  // Escape discards what was typed; a click or focus elsewhere keeps it for next time.
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a controller works through the host it joined
  private readonly dismiss = new PopoverDismiss(this, {
    isOpen: () => this.open,
    escape: () => this.close(true),
    away: () => this.close(false, true),
  });
  private readonly uid = `ss-bm-${++instances}`;
  private store?: BookmarkStore;

  @query('input[name=collection]') private collectionInput?: HTMLInputElement;
  @query('textarea[name=notes]') private notesInput?: HTMLTextAreaElement;
  @query('button.edit') private editButton?: HTMLButtonElement;
  @query('.panel') private panel?: HTMLElement;

  @state() private open = false;
  @state() private problem = '';
  /** What was typed when a click or focus elsewhere closed the panel, restored when it reopens. */
  private draft?: { collection: string; notes: string };

  /** The content key to bookmark. */
  @property({ attribute: 'content-id' }) contentId = '';
  /** Recorded with the first bookmark of the content (the page's canonical URL). */
  @property({ attribute: 'content-url' }) contentUrl?: string;
  @property({ attribute: 'content-title' }) contentTitle?: string;
  /** `light` (the default), `dark`, `auto` (follows the OS), or `inherit`. */
  @property({ reflect: true }) theme?: 'light' | 'dark' | 'auto' | 'inherit';
  @property({ attribute: false }) client?: ShareStackClient;

  override connectedCallback(): void {
    super.connectedCallback();
    adoptLangLocale(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.open = false;
  }

  override willUpdate(): void {
    const client = this.session.bind();
    const signedIn = Boolean(this.session.viewer);
    const store = client && this.contentId && signedIn ? bookmarkStore(client, this.contentId) : undefined;
    if (store !== this.store) {
      this.store = store;
      this.storeState.use(store?.$state);
      this.open = false;
      this.draft = undefined;
    }
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('open')) return;
    if (this.open) {
      // Hung from the other edge where it would leave the viewport (a button near the end of a row).
      const box = this.panel?.getBoundingClientRect();
      if (box && (box.left < 0 || box.right > document.documentElement.clientWidth)) {
        this.panel?.setAttribute('data-end', '');
      }
      this.collectionInput?.focus();
    }
  }

  /**
   * Closes the panel. `keep` saves what was typed for the next opening; focus goes back to the
   * panel's button when it was in the element (or nowhere) and `returnFocus` allows.
   */
  private close(returnFocus: boolean, keep = false) {
    if (!this.open) return;
    this.draft =
      keep && this.collectionInput && this.notesInput
        ? { collection: this.collectionInput.value, notes: this.notesInput.value }
        : undefined;
    const active = document.activeElement;
    this.open = false;
    if (returnFocus && (!active || active === document.body || active === this)) this.editButton?.focus();
  }

  /** The panel's button: opens it, or closes it keeping what was typed. */
  private onEdit() {
    if (this.open) this.close(true, true);
    else this.open = true;
  }

  private async run(change: () => Promise<unknown>) {
    this.problem = '';
    try {
      await change();
      const b = this.storeState.value?.bookmark ?? null;
      emit(this, 'ss-bookmark-changed', {
        contentId: this.contentId,
        bookmarked: b !== null,
        collection: b?.collection_name ?? null,
        notes: b?.notes ?? null,
      });
    } catch (error) {
      if (!isShareStackError(error)) throw error;
      this.problem = problemMessage(error);
      emit(this, 'ss-error', { action: 'bookmark', error });
    }
  }

  private meta() {
    return {
      ...(this.contentUrl ? { content_url: this.contentUrl } : {}),
      ...(this.contentTitle ? { content_title: this.contentTitle } : {}),
    };
  }

  private toggle() {
    const store = this.store;
    if (!store || this.storeState.value?.pending) return;
    if (this.storeState.value?.bookmark) {
      this.close(false);
      return this.run(() => store.remove());
    }
    return this.run(() => store.save(this.meta()));
  }

  private save(e: Event) {
    e.preventDefault();
    const store = this.store;
    if (!store) return;
    const collection = this.collectionInput?.value.trim() || 'default';
    const notes = this.notesInput?.value.trim() ?? '';
    this.close(true);
    return this.run(() => store.save({ ...this.meta(), collection_name: collection, notes: notes || null }));
  }

  private renderPanel(s: BookmarkStoreState) {
    const b = s.bookmark;
    const draft = this.draft;
    return html`<form
      part="panel"
      class="panel"
      id="${this.uid}-panel"
      aria-label=${msg('Collection and notes')}
      @submit=${this.save}
    >
      <label for="${this.uid}-collection">${msg('Collection')}</label>
      <input
        id="${this.uid}-collection"
        class="input"
        name="collection"
        list="${this.uid}-collections"
        maxlength="100"
        .value=${draft?.collection ?? b?.collection_name ?? 'default'}
      />
      <datalist id="${this.uid}-collections">
        ${s.collections.map((c) => html`<option value=${c.collection_name}></option>`)}
      </datalist>
      <label for="${this.uid}-notes">${msg('Notes')}</label>
      <textarea id="${this.uid}-notes" class="input" name="notes" rows="3" maxlength="2000" .value=${draft?.notes ?? b?.notes ?? ''}></textarea>
      <div class="actions">
        <button type="button" class="btn" @click=${() => this.close(true)}>${msg('Cancel')}</button>
        <button type="submit" class="btn btn--primary">${msg('Save')}</button>
      </div>
    </form>`;
  }

  override render() {
    const s = this.storeState.value;
    const viewer = this.session.viewer;
    const saved = Boolean(s?.bookmark);
    const inert = !viewer || !s || s.status !== 'ready';
    // The panel hangs from the buttons' box, however tall a flex row stretches the host.
    return html`
      <span class="wrap">
        <button
          type="button"
          part="base"
          class="toggle"
          aria-pressed=${saved ? 'true' : 'false'}
          title=${viewer ? '' : msg('Sign in to bookmark')}
          ?disabled=${inert}
          @click=${this.toggle}
        >
          <span aria-hidden="true">${saved ? '★' : '☆'}</span>
          ${saved ? msg('Bookmarked') : msg('Bookmark')}
        </button>
        ${
          viewer
            ? html`<button
                type="button"
                part="edit"
                class="edit"
                aria-expanded=${this.open ? 'true' : 'false'}
                aria-controls="${this.uid}-panel"
                ?disabled=${inert}
                @click=${this.onEdit}
              >
                ${msg('Collection and notes')}
              </button>`
            : nothing
        }
        <span class="sr-only" role="status">${this.problem}</span>
        ${this.open && s ? this.renderPanel(s) : nothing}
      </span>
    `;
  }
}
