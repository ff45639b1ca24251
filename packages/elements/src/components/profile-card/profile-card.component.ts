import { localized, msg } from '@lit/localize';
import {
  type FollowStoreState,
  followStore,
  type ProfileStore,
  type ProfileStoreState,
  profileStore,
  type ShareStackClient,
} from '@sharestack/sdk';
import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { ClientController } from '../../internal/client-controller.js';
import { StoreController } from '../../internal/store-controller.js';
import { adoptLangLocale, getLocale } from '../../localization.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { themeStyles } from '../../styles/theme.styles.js';
import '../follow-button/follow-button.js';
import styles from './profile-card.styles.js';

/**
 * @tag ss-profile-card
 * @summary A user's public profile: avatar, name, followers, following, comments and reactions
 * received, with a follow button. A profile hidden by its visibility shows as unavailable.
 *
 * @csspart base - The card.
 * @csspart avatar - The avatar image or initial.
 * @csspart stats - The list of figures.
 *
 * @cssproperty --ss-color-surface - Card background.
 */
@localized()
export class SsProfileCard extends LitElement {
  static override styles = [themeStyles, sharedStyles, styles];

  private readonly clients = new ClientController(this);
  private readonly profileState = new StoreController<ProfileStoreState>(this);
  private readonly followState = new StoreController<FollowStoreState>(this);
  private store?: ProfileStore;

  /** The user to show. */
  @property({ attribute: 'user-id' }) userId = '';
  /** `light` (the default), `dark`, `auto` (follows the OS), or `inherit`. */
  @property({ reflect: true }) theme?: 'light' | 'dark' | 'auto' | 'inherit';
  @property({ attribute: false }) client?: ShareStackClient;

  override connectedCallback(): void {
    super.connectedCallback();
    adoptLangLocale(this);
  }

  override willUpdate(): void {
    const client = this.clients.value;
    const store = client && this.userId ? profileStore(client, this.userId) : undefined;
    if (store !== this.store) {
      this.store = store;
      this.profileState.use(store?.$state);
      // The follow button's store: its counts follow the viewer's follows at once.
      this.followState.use(client && this.userId ? followStore(client, this.userId).$state : undefined);
    }
  }

  override render() {
    const s = this.profileState.value;
    if (!s || s.status === 'idle' || s.status === 'loading') {
      return html`<div part="base" class="card card--loading" aria-busy="true">${msg('Loading profile…')}</div>`;
    }
    if (!s.profile) {
      return html`<div part="base" class="card card--missing" role="note">${msg('This profile is not available.')}</div>`;
    }
    const p = s.profile;
    const follow = this.followState.value;
    const followers =
      follow?.status === 'ready' ? (follow.follower_count ?? p.stats.followers) : p.stats.followers;
    const number = new Intl.NumberFormat(getLocale(), { notation: 'compact' });
    const since = new Intl.DateTimeFormat(getLocale(), { month: 'long', year: 'numeric' }).format(
      new Date(p.created_at),
    );
    const stats: Array<[string, number]> = [
      [msg('Followers'), followers],
      [msg('Following'), p.stats.following],
      [msg('Comments'), p.stats.comments],
      [msg('Reactions received'), p.stats.reactions_received],
    ];
    return html`<section part="base" class="card" aria-label=${p.name}>
      <header>
        ${
          p.avatar_url
            ? html`<img part="avatar" class="avatar" src=${p.avatar_url} alt="" />`
            : html`<span part="avatar" class="avatar avatar--initial" aria-hidden="true"
                >${p.name.slice(0, 1).toUpperCase()}</span
              >`
        }
        <div class="who">
          <h2 class="name">${p.name}</h2>
          <p class="since">${msg('Member since')} ${since}</p>
        </div>
        ${p.is_self ? nothing : html`<ss-follow-button user-id=${p.id} .client=${this.clients.value}></ss-follow-button>`}
      </header>
      ${p.follows_you ? html`<p class="badge">${msg('Follows you')}</p>` : nothing}
      <dl part="stats" class="stats">
        ${stats.map(([label, n]) => html`<div><dt>${label}</dt><dd>${number.format(n)}</dd></div>`)}
      </dl>
    </section>`;
  }
}
