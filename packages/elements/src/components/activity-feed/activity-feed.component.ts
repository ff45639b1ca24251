import { localized, msg } from '@lit/localize';
import type { Activity, FeedEntry } from '@sharestack/protocol';
import {
  type FeedStore,
  type FeedStoreState,
  feedEntryOf,
  feedStore,
  isShareStackError,
  type ShareStackClient,
  timelineStore,
} from '@sharestack/sdk';
import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { ViewerController } from '../../internal/client-controller.js';
import { emit } from '../../internal/emit.js';
import { problemMessage } from '../../internal/labels.js';
import { StoreController } from '../../internal/store-controller.js';
import { absoluteTime, relativeTime } from '../../internal/time.js';
import { adoptLangLocale, getLocale } from '../../localization.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { themeStyles } from '../../styles/theme.styles.js';
import { isWebUrl } from '../share-button/share-links.js';
import styles from './activity-feed.styles.js';
import { actorsText, verb } from './activity-text.js';

type AnyFeed = FeedStore<FeedEntry> | FeedStore<Activity>;
type AnyState = FeedStoreState<FeedEntry> | FeedStoreState<Activity>;

/**
 * @tag ss-activity-feed
 * @summary The viewer's personal feed (activities of whom they follow, grouped: "Ann and 3 others
 * liked …"), or with `user-id` that user's timeline as their privacy settings allow.
 *
 * @csspart base - The list.
 * @csspart entry - One entry.
 * @csspart more - The "Show more" button.
 *
 * @event {SsErrorDetail} ss-error - Loading more failed. (`detail.action`: `load-more`)
 */
@localized()
export class SsActivityFeed extends LitElement {
  static override styles = [themeStyles, sharedStyles, styles];

  private readonly session = new ViewerController(this);
  private readonly feedState = new StoreController<AnyState>(this);
  private store?: AnyFeed;

  /** Shows this user's timeline instead of the viewer's personal feed. */
  @property({ attribute: 'user-id' }) userId?: string;
  /** Entries per page. */
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
    let store: AnyFeed | undefined;
    if (client && this.userId) store = timelineStore(client, this.userId, this.pageSize);
    else if (client && this.session.viewer) store = feedStore(client, this.pageSize);
    if (store !== this.store) {
      this.store = store;
      this.feedState.use(store?.$state as never);
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

  private renderEntry(e: FeedEntry) {
    const locale = getLocale();
    const target = e.target.title ?? e.target.target_id;
    const link = e.target.target_type === 'content' && isWebUrl(e.target.url) ? e.target.url : null;
    return html`<li part="entry" class="entry ${e.kind === 'creator_update' ? 'entry--creator' : ''}">
      <span class="avatars" aria-hidden="true">
        ${e.actors.map((a) =>
          a.avatar_url
            ? html`<img class="avatar" src=${a.avatar_url} alt="" />`
            : html`<span class="avatar avatar--initial">${a.name.slice(0, 1).toUpperCase()}</span>`,
        )}
      </span>
      <p class="text">
        <strong>${actorsText(e.actors, e.actor_count)}</strong>
        ${verb(e.activity_type, e.kind === 'creator_update')}
        ${link ? html`<a href=${link}>${target}</a>` : html`<em>${target}</em>`}
        <time datetime=${e.created_at} title=${absoluteTime(e.created_at, locale)}
          >${relativeTime(e.created_at, locale)}</time
        >
      </p>
    </li>`;
  }

  override render() {
    const s = this.feedState.value;
    if (!this.userId && !this.session.viewer) {
      return html`<p class="state">${msg('Sign in to see activity from people you follow.')}</p>`;
    }
    if (!s || s.status === 'idle' || (s.status === 'loading' && s.items.length === 0)) {
      return html`<p class="state" aria-busy="true">${msg('Loading activity…')}</p>`;
    }
    if (s.status === 'error' && s.items.length === 0) {
      return html`<p class="state state--error" role="alert">
        ${s.error?.code === 'user_not_found' ? msg('This activity is not available.') : s.error ? problemMessage(s.error) : ''}
      </p>`;
    }
    const entries: FeedEntry[] = this.userId
      ? (s.items as Activity[]).map((a) => feedEntryOf(a, 'activity'))
      : (s.items as FeedEntry[]);
    if (entries.length === 0) {
      return html`<p class="state">
        ${this.userId ? msg('No activity yet.') : msg('Nothing here yet. Follow people to see what they do.')}
      </p>`;
    }
    return html`
      <ol part="base" class="feed" aria-label=${this.userId ? msg('Activity') : msg('Your feed')}>
        ${entries.map((e) => this.renderEntry(e))}
      </ol>
      ${
        s.next_cursor
          ? html`<button type="button" part="more" class="btn more" ?disabled=${s.loadingMore} @click=${this.more}>
              ${msg('Show more')}
            </button>`
          : nothing
      }
    `;
  }
}
