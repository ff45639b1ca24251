import { localized, msg, str } from '@lit/localize';
import {
  type FollowStore,
  type FollowStoreState,
  followStore,
  isShareStackError,
  type ShareStackClient,
} from '@sharestack/sdk';
import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ViewerController } from '../../internal/client-controller.js';
import { emit } from '../../internal/emit.js';
import { problemMessage } from '../../internal/labels.js';
import { StoreController } from '../../internal/store-controller.js';
import { adoptLangLocale, getLocale } from '../../localization.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { themeStyles } from '../../styles/theme.styles.js';
import styles from './follow-button.styles.js';

/**
 * @tag ss-follow-button
 * @summary Follows or unfollows a user (or a creator) at once, rolling back if the server refuses.
 *
 * @csspart base - The button.
 * @csspart count - The follower count beside it (with `show-count`).
 *
 * @cssproperty --ss-color-accent - Background of "Follow", border of "Following".
 *
 * @event {SsFollowChangedDetail} ss-follow-changed - The viewer followed or unfollowed.
 * @event {SsErrorDetail} ss-error - A change failed and was rolled back. (`detail.action`: `follow`)
 */
@localized()
export class SsFollowButton extends LitElement {
  static override styles = [themeStyles, sharedStyles, styles];

  private readonly session = new ViewerController(this);
  private readonly storeState = new StoreController<FollowStoreState>(this);
  private store?: FollowStore;

  @state() private problem = '';

  /** The user to follow. */
  @property({ attribute: 'user-id' }) userId = '';
  /** Shows the follower count beside the button. */
  @property({ type: Boolean, attribute: 'show-count' }) showCount = false;
  /** `light` (the default), `dark`, `auto` (follows the OS), or `inherit`. */
  @property({ reflect: true }) theme?: 'light' | 'dark' | 'auto' | 'inherit';
  @property({ attribute: false }) client?: ShareStackClient;

  override connectedCallback(): void {
    super.connectedCallback();
    adoptLangLocale(this);
  }

  override willUpdate(): void {
    const client = this.session.bind();
    const store = client && this.userId ? followStore(client, this.userId) : undefined;
    if (store !== this.store) {
      this.store = store;
      this.storeState.use(store?.$state);
    }
  }

  private async toggle() {
    const s = this.storeState.value;
    if (!this.store || !s || s.pending) return;
    this.problem = '';
    try {
      const status = await this.store.setFollowing(!s.is_following);
      emit(this, 'ss-follow-changed', {
        userId: this.userId,
        following: status.is_following,
        followerCount: status.follower_count,
      });
    } catch (error) {
      if (!isShareStackError(error)) throw error;
      this.problem = problemMessage(error);
      emit(this, 'ss-error', { action: 'follow', error });
    }
  }

  override render() {
    const s = this.storeState.value;
    const viewer = this.session.viewer;
    const following = s?.is_following ?? false;
    const self = viewer?.id === this.userId;
    const inert = !viewer || self || !s || s.status !== 'ready';
    const count = s?.follower_count ?? null;
    const countText = new Intl.NumberFormat(getLocale(), { notation: 'compact' }).format(count ?? 0);
    return html`
      <span class="wrap">
        <button
          type="button"
          part="base"
          class=${following ? 'following' : 'follow'}
          aria-pressed=${following ? 'true' : 'false'}
          title=${!viewer ? msg('Sign in to follow') : ''}
          ?disabled=${inert}
          @click=${this.toggle}
        >
          ${following ? msg('Following') : msg('Follow')}
        </button>
        ${
          this.showCount && s?.status === 'ready' && count !== null
            ? html`<span part="count" class="count"
                >${count === 1 ? msg('1 follower') : msg(str`${countText} followers`)}</span
              >`
            : nothing
        }
        <span class="sr-only" role="status">${this.problem}</span>
      </span>
    `;
  }
}
