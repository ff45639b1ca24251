import { localized, msg, str } from '@lit/localize';
import type { ModerationAction, ModerationItem, ModerationPriority } from '@sharestack/protocol';
import {
  createModerationQueueStore,
  isShareStackError,
  type ModerationQueueState,
  type ModerationQueueStore,
  type ShareStackClient,
} from '@sharestack/sdk';
import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { ViewerController } from '../../internal/client-controller.js';
import { emit } from '../../internal/emit.js';
import { problemMessage } from '../../internal/labels.js';
import { StoreController } from '../../internal/store-controller.js';
import { adoptLangLocale } from '../../localization.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { themeStyles } from '../../styles/theme.styles.js';
import {
  type Armed,
  actionLabel,
  armedFor,
  CONFIRM_WINDOW,
  confirmLabel,
  priorityLabel,
  promptText,
  SEVERE,
  SHORTCUTS,
  sameIds,
  type Via,
} from './moderation-queue.actions.js';
import styles from './moderation-queue.styles.js';

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });

/**
 * @tag ss-moderation-queue
 * @summary The moderation queue for moderators: most pressing first, with the pipeline's scores
 * and reasons, single and bulk actions, keyboard shortcuts, and new items as they arrive.
 *
 * Shortcuts (on the list): ↓/j and ↑/k move, x or Space selects, a approve, r reject, s spam,
 * d delete, b ban, h shadow-ban. With a selection, actions apply to every selected item.
 *
 * Delete, ban and shadow-ban ask first, by key and by button (the bulk Delete too): the first
 * press arms the action and shows what it will do ("Ban Bob? Press b again…"; a clicked button
 * turns into "Confirm: Ban author"); the same key or button again within 5 seconds performs it.
 * Escape, another action, moving to another item, changing the selection or the timeout cancel
 * it. Approve, reject and spam act at once.
 *
 * @csspart base - The wrapper.
 * @csspart toolbar - Counts and bulk actions.
 * @csspart item - One queue item.
 * @csspart scores - An item's scores.
 *
 * @cssproperty --ss-color-danger - Urgent items, destructive actions and their confirmation.
 *
 * @event {SsModerationActionDetail} ss-moderation-action - The moderator acted on items.
 * @event {SsErrorDetail} ss-error - An action or the queue failed. (`detail.action`: `moderate`)
 */
@localized()
export class SsModerationQueue extends LitElement {
  static override styles = [themeStyles, sharedStyles, styles];

  private readonly session = new ViewerController(this);
  private readonly queueState = new StoreController<ModerationQueueState>(this);
  private store?: ModerationQueueStore;
  private storeKey = '';
  private storeClient?: ShareStackClient;

  @state() private focusIndex = 0;
  @state() private selected = new Set<string>();
  @state() private busy = false;
  @state() private problem = '';
  @state() private announcement = '';
  @state() private armed?: Armed;
  private armTimer?: ReturnType<typeof setTimeout>;

  @property({ reflect: true }) theme?: 'light' | 'dark' | 'auto' | 'inherit';
  @property({ attribute: false }) client?: ShareStackClient;
  /** Shows one priority only. */
  @property() priority?: ModerationPriority;
  /**
   * Items queued or resolved elsewhere arrive live over the socket (`moderation:site`); this
   * re-reads the queue as a fallback, in milliseconds (0: never).
   */
  @property({ type: Number, attribute: 'poll-interval' }) pollInterval = 15_000;

  override connectedCallback(): void {
    super.connectedCallback();
    adoptLangLocale(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.disarm();
  }

  override willUpdate(): void {
    const client = this.session.bind();
    const key = JSON.stringify([this.priority, this.pollInterval]);
    if (client && (key !== this.storeKey || client !== this.storeClient)) {
      this.storeKey = key;
      this.storeClient = client;
      this.store = createModerationQueueStore(client, {
        ...(this.priority ? { priority: this.priority } : {}),
        pollInterval: this.pollInterval,
      });
      this.queueState.use(this.store.$state);
    }
    // An armed item resolved elsewhere (or gone from the list): the prompt no longer holds.
    const armed = this.armed;
    if (armed && !armed.ids.every((id) => this.items.some((i) => i.id === id))) this.disarm(true);
  }

  /** Adds or updates an item announced live (a `moderation.queued` event), without a round trip. */
  receive(item: ModerationItem): void {
    this.store?.receive(item);
  }

  /** Reads the queue again now. */
  refresh(): Promise<void> {
    return this.store?.load() ?? Promise.resolve();
  }

  private get items(): ModerationItem[] {
    return this.queueState.value?.items ?? [];
  }

  private async act(action: ModerationAction, ids: string[]) {
    if (this.busy || ids.length === 0 || !this.store) return;
    this.busy = true;
    this.problem = '';
    try {
      const failed = await this.store.act(ids, action);
      this.selected = new Set([...this.selected].filter((id) => failed.some((f) => f.id === id)));
      this.focusIndex = Math.min(this.focusIndex, Math.max(0, this.items.length - 1));
      this.announcement =
        failed.length === 0
          ? msg(str`${actionLabel(action)}: ${ids.length} done`)
          : msg(
              str`${actionLabel(action)}: ${ids.length - failed.length} done, ${failed.length} not possible`,
            );
      emit(this, 'ss-moderation-action', { action, itemIds: ids, failed });
    } catch (error) {
      if (!isShareStackError(error)) throw error;
      this.problem = problemMessage(error);
      emit(this, 'ss-error', { action: 'moderate', error });
    } finally {
      this.busy = false;
      await this.updateComplete;
      this.focusItem();
    }
  }

  /**
   * Performs `action`, or, for a severe one, arms it first: it runs only when asked for again the
   * same way (same key or button, same items) while armed.
   */
  private request(action: ModerationAction, ids: string[], via: Via, itemId?: string) {
    if (this.busy || ids.length === 0) return;
    const armed = this.armed;
    const confirmed =
      armed?.action === action && armed.via === via && armed.itemId === itemId && sameIds(armed.ids, ids);
    if (!SEVERE.has(action) || confirmed) {
      this.disarm();
      void this.act(action, ids);
      return;
    }
    this.disarm();
    this.armed = { action, ids, via, ...(itemId ? { itemId } : {}) };
    this.announcement = promptText(this.armed, this.items);
    this.armTimer = setTimeout(() => this.disarm(true), CONFIRM_WINDOW);
  }

  /** Cancels the armed action, if any; `announce` tells screen readers it was cancelled. */
  private disarm(announce = false) {
    clearTimeout(this.armTimer);
    this.armTimer = undefined;
    if (!this.armed) return;
    if (announce) this.announcement = msg(str`${actionLabel(this.armed.action)}: cancelled`);
    this.armed = undefined;
  }

  private renderPrompt(armed: Armed) {
    return html`<p class="confirm" id="confirm-prompt">${promptText(armed, this.items)}</p>`;
  }

  private targets(): string[] {
    if (this.selected.size > 0) return [...this.selected];
    const focused = this.items[this.focusIndex];
    return focused ? [focused.id] : [];
  }

  private toggle(id: string) {
    this.disarm(true);
    const next = new Set(this.selected);
    if (!next.delete(id)) next.add(id);
    this.selected = next;
  }

  private focusItem() {
    this.renderRoot.querySelector<HTMLElement>(`[data-index="${this.focusIndex}"]`)?.focus();
  }

  private onKey(e: KeyboardEvent) {
    if (e.altKey || e.ctrlKey || e.metaKey || (e.target as HTMLElement).closest('button, input')) return;
    // The key is about the item that has focus: items arriving above it (a more pressing one,
    // live) move it down the list while focus stays on it.
    const focused = (e.target as HTMLElement).closest<HTMLElement>('li.item')?.dataset.id;
    const at = this.items.findIndex((i) => i.id === focused);
    if (at >= 0) this.focusIndex = at;
    const count = this.items.length;
    const move = (by: number) => {
      this.focusIndex = Math.max(0, Math.min(count - 1, this.focusIndex + by));
      void this.updateComplete.then(() => this.focusItem());
    };
    const key = e.key.toLowerCase();
    if (key === 'arrowdown' || key === 'j') move(1);
    else if (key === 'arrowup' || key === 'k') move(-1);
    else if (key === 'x' || key === ' ') {
      const item = this.items[this.focusIndex];
      if (item) this.toggle(item.id);
    } else if (SHORTCUTS[key]) {
      const action = SHORTCUTS[key];
      // A held key repeats: never let the repeat confirm what the first press armed.
      if (!(e.repeat && SEVERE.has(action)))
        this.request(action, this.targets(), 'key', this.items[this.focusIndex]?.id);
    } else return;
    e.preventDefault();
  }

  /** Escape cancels an armed action; a held Enter must not confirm it on the armed button. */
  private onArmedKey(e: KeyboardEvent) {
    if (!this.armed) return;
    if (e.key === 'Enter' && e.repeat) e.preventDefault();
    else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.disarm(true);
    }
  }

  private renderScores(item: ModerationItem) {
    const v = item.verdict;
    if (!v) return nothing;
    const s = v.individual_scores;
    const rows: [string, number][] = [
      [msg('Overall'), v.overall_score],
      [msg('Spam'), s.spam_probability],
      [msg('Toxicity'), s.toxicity],
      [msg('Links'), s.links],
      [msg('Repetition'), s.repetition],
      [msg('Author'), s.user_behavior],
    ];
    return html`<dl class="scores" part="scores">
      ${rows.map(
        ([label, value]) =>
          html`<div class=${value > 0.6 ? 'high' : ''}><dt>${label}</dt><dd>${percent.format(value)}</dd></div>`,
      )}
    </dl>`;
  }

  private renderItem(item: ModerationItem, index: number) {
    const c = item.comment;
    const reasons = [...item.reasons, ...(item.verdict?.flags ?? [])];
    const reports = Object.entries(item.report_reasons)
      .map(([reason, n]) => `${reason} × ${n}`)
      .join(', ');
    const selected = this.selected.has(item.id);
    const armed = this.armed;
    return html`<li
      part="item"
      class="item priority-${item.priority} ${armed?.ids.includes(item.id) ? 'armed' : ''}"
      data-index=${index}
      data-id=${item.id}
      tabindex=${index === this.focusIndex ? 0 : -1}
      aria-current=${index === this.focusIndex ? 'true' : 'false'}
      @focus=${() => {
        this.focusIndex = index;
      }}
      @focusin=${() => {
        if (this.armed && this.armed.itemId !== item.id) this.disarm(true);
      }}
    >
      <div class="head">
        <input
          type="checkbox"
          .checked=${selected}
          aria-label=${msg(str`Select item ${item.id}`)}
          @change=${() => this.toggle(item.id)}
        />
        <span class="badge priority">${priorityLabel(item.priority)}</span>
        <strong class="author">${c?.author?.name ?? item.user_id}</strong>
        <span class="muted">${item.content_id}</span>
        ${item.assigned_to ? html`<span class="muted">${msg(str`claimed by ${item.assigned_to}`)}</span>` : nothing}
      </div>
      <div class="text">${c ? (c.is_deleted ? msg('(deleted)') : unsafeHTML(c.html)) : msg('(gone)')}</div>
      <ul class="reasons" aria-label=${msg('Reasons')}>
        ${reasons.map((r) => html`<li>${r}</li>`)}
        ${
          item.report_count > 0
            ? html`<li>${item.report_count === 1 ? msg('1 report') : msg(str`${item.report_count} reports`)}${reports ? `: ${reports}` : ''}</li>`
            : nothing
        }
      </ul>
      ${this.renderScores(item)}
      <div class="actions">
        ${(Object.entries(SHORTCUTS) as [string, ModerationAction][]).map(([key, action]) => {
          const confirming = armedFor(this.armed, action, 'item', item.id);
          return html`<button
            type="button"
            class="btn ${SEVERE.has(action) ? 'btn--danger' : ''} ${confirming ? 'btn--confirm' : ''}"
            data-action=${action}
            aria-keyshortcuts=${key}
            aria-describedby=${confirming ? 'confirm-prompt' : nothing}
            ?disabled=${this.busy}
            @click=${(e: MouseEvent) => {
              // The second click of a double-click is not a confirmation.
              if (!(e.detail > 1 && SEVERE.has(action))) this.request(action, [item.id], 'item', item.id);
            }}
          >
            ${confirming ? confirmLabel(action) : actionLabel(action)}
          </button>`;
        })}
      </div>
      ${armed && armed.via !== 'bulk' && armed.itemId === item.id ? this.renderPrompt(armed) : nothing}
    </li>`;
  }

  override render() {
    const s = this.queueState.value;
    if (!s || s.status === 'idle' || (s.status === 'loading' && s.items.length === 0)) {
      return html`<div part="base" class="base"><p role="status">${msg('Loading the queue…')}</p></div>`;
    }
    if (s.status === 'error' && s.items.length === 0) {
      const text =
        s.error?.status === 403 || s.error?.status === 401
          ? msg('Only moderators can see the moderation queue.')
          : s.error
            ? problemMessage(s.error)
            : '';
      return html`<div part="base" class="base"><p role="alert">${text}</p></div>`;
    }
    const counts = (['urgent', 'high', 'normal', 'low'] as const).map(
      (p) => html`<span class="badge priority-${p}">${priorityLabel(p)} ${s.counts[p] ?? 0}</span>`,
    );
    return html`<section part="base" class="base" aria-label=${msg('Moderation queue')} @keydown=${this.onArmedKey}>
      <div class="toolbar" part="toolbar" role="toolbar" aria-label=${msg('Bulk actions')}>
        <span class="counts">${counts}</span>
        <span class="muted">${msg(str`${this.selected.size} selected`)}</span>
        ${(['approve', 'reject', 'spam', 'delete'] as const).map((action) => {
          const confirming = armedFor(this.armed, action, 'bulk');
          return html`<button
            type="button"
            class="btn ${SEVERE.has(action) ? 'btn--danger' : ''} ${confirming ? 'btn--confirm' : ''}"
            data-bulk=${action}
            aria-describedby=${confirming ? 'confirm-prompt' : nothing}
            ?disabled=${this.busy || this.selected.size === 0}
            @click=${(e: MouseEvent) => {
              if (!(e.detail > 1 && SEVERE.has(action))) this.request(action, [...this.selected], 'bulk');
            }}
          >
            ${confirming ? confirmLabel(action) : actionLabel(action)}
          </button>`;
        })}
      </div>
      ${this.armed?.via === 'bulk' ? this.renderPrompt(this.armed) : nothing}
      ${
        s.items.length === 0
          ? html`<p class="empty">${msg('Nothing to review.')}</p>`
          : html`<ol class="items" @keydown=${this.onKey} aria-label=${msg('Items to review')}>
              ${repeat(
                s.items,
                (i) => i.id,
                (i, index) => this.renderItem(i, index),
              )}
            </ol>`
      }
      ${s.next_cursor ? html`<button type="button" class="btn" @click=${() => this.store?.loadMore()}>${msg('Load more')}</button>` : nothing}
      <p class="sr-only" role="status">${this.announcement}</p>
      ${this.problem ? html`<p role="alert" class="problem">${this.problem}</p>` : nothing}
    </section>`;
  }
}
