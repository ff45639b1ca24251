import { localized, msg } from '@lit/localize';
import type { PublicSiteConfig, ReactionSummary, TargetType } from '@sharestack/protocol';
import {
  isShareStackError,
  type ReactionStore,
  type ReactionStoreState,
  type ShareStackClient,
} from '@sharestack/sdk';
import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ViewerController } from '../../internal/client-controller.js';
import { emit } from '../../internal/emit.js';
import { problemMessage, reactionEmoji, reactionLabel } from '../../internal/labels.js';
import { StoreController } from '../../internal/store-controller.js';
import { adoptLangLocale } from '../../localization.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { themeStyles } from '../../styles/theme.styles.js';
import styles from './reactions.styles.js';

/** Counts and the viewer's own reaction, as a parent that already holds them passes them in. */
export type ReactionsValue = Pick<ReactionSummary, 'counts' | 'my_reaction'>;

/**
 * @tag ss-reactions
 * @summary A bar of reaction buttons with counts for a piece of content or a comment.
 * One reaction per viewer: pressing another switches, pressing the same one clears it.
 *
 * @csspart base - The group of buttons.
 * @csspart button - Each reaction button (`aria-pressed` tells the viewer's own).
 * @csspart count - The count inside a button.
 *
 * @cssproperty --ss-color-accent - Border and highlight of the viewer's reaction.
 * @cssproperty --ss-color-accent-soft - Background of the viewer's reaction.
 * @cssproperty --ss-color-border - Button borders.
 *
 * @event {SsReactionChangedDetail} ss-reaction-changed - The viewer changed their reaction.
 * @event {SsErrorDetail} ss-error - A change failed and was rolled back. (`detail.action`: `react`)
 */
@localized()
export class SsReactions extends LitElement {
  static override styles = [themeStyles, sharedStyles, styles];

  private readonly session = new ViewerController(this);
  private readonly storeState = new StoreController<ReactionStoreState>(this);
  private store?: ReactionStore;

  @state() private site: PublicSiteConfig | null = null;
  @state() private busy = false;
  @state() private problem = '';

  @property({ attribute: 'target-type' }) targetType: TargetType = 'content';
  @property({ attribute: 'target-id' }) targetId = '';
  /** `light` (the default), `dark`, `auto` (follows the OS), or `inherit` (uses the surrounding element's tokens). */
  @property({ reflect: true }) theme?: 'light' | 'dark' | 'auto' | 'inherit';
  @property({ attribute: false }) client?: ShareStackClient;
  /** Reaction types to offer; defaults to the site's reaction set. */
  @property({ attribute: false }) reactionSet?: readonly string[];
  /** Counts to show instead of loading them (a parent that holds them already). */
  @property({ attribute: false }) value?: ReactionsValue;
  /** Performs a change instead of the target's reaction store (used with `value`). */
  @property({ attribute: false }) action?: (reaction: string | null) => Promise<unknown>;
  /** Shows counts without letting the viewer react. Anonymous readers always get this. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  override connectedCallback(): void {
    super.connectedCallback();
    adoptLangLocale(this);
  }

  override willUpdate(): void {
    const client = this.session.bind();
    if (this.session.changed) {
      this.site = null;
      if (client && !this.reactionSet) {
        client.siteConfig().then(
          (site) => {
            if (this.session.bound === client) this.site = site;
          },
          () => {},
        );
      }
    }
    const store =
      !this.value && client && this.targetId ? client.reactionsOf(this.targetType, this.targetId) : undefined;
    if (store !== this.store) {
      this.store = store;
      this.storeState.use(store?.$state);
    }
  }

  private get current(): ReactionsValue {
    return this.value ?? this.storeState.value ?? { counts: {}, my_reaction: null };
  }

  private async toggle(type: string) {
    // Ignored rather than disabled while busy, so the pressed button keeps focus.
    if (this.busy) return;
    const previous = this.current.my_reaction;
    const next = previous === type ? null : type;
    const act =
      this.action ?? ((reaction: string | null) => this.store?.react(reaction) ?? Promise.resolve());
    this.busy = true;
    this.problem = '';
    try {
      await act(next);
      await this.updateComplete;
      emit(this, 'ss-reaction-changed', {
        targetType: this.targetType,
        targetId: this.targetId,
        reaction: next,
        previous,
        counts: { ...this.current.counts },
      });
    } catch (error) {
      if (!isShareStackError(error)) throw error;
      this.problem = problemMessage(error);
      emit(this, 'ss-error', { action: 'react', error });
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const types = this.reactionSet ?? this.site?.reaction_set ?? [];
    const { counts, my_reaction } = this.current;
    const inert = this.disabled || !this.session.viewer;
    return html`
      <div part="base" class="reactions" role="group" aria-label=${msg('Reactions')}>
        ${types.map((type) => {
          const count = counts[type] ?? 0;
          const label = reactionLabel(type);
          return html`<button
            type="button"
            part="button"
            aria-pressed=${my_reaction === type ? 'true' : 'false'}
            title=${inert ? msg('Sign in to react') : label}
            ?disabled=${inert}
            @click=${() => this.toggle(type)}
          >
            <span class="emoji" aria-hidden="true">${reactionEmoji(type)}</span>
            <span class="sr-only">${label}</span>
            ${count > 0 ? html`<span class="count" part="count">${count}</span>` : nothing}
          </button>`;
        })}
        <span class="sr-only" role="status">${this.problem}</span>
      </div>
    `;
  }
}
