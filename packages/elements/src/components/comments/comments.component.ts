import { ContextProvider } from '@lit/context';
import { localized, msg } from '@lit/localize';
import type { CommentSort, PublicSiteConfig, Viewer } from '@sharestack/protocol';
import {
  isShareStackError,
  type ShareStackClient,
  type ShareStackError,
  type ThreadState,
  type ThreadStore,
} from '@sharestack/sdk';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { clientContext } from '../../context.js';
import { connectionQuality, LOADING } from '../../internal/adaptive.js';
import { ViewerController } from '../../internal/client-controller.js';
import { emit } from '../../internal/emit.js';
import {
  commentCount,
  incomingLabel,
  presenceLabel,
  problemMessage,
  sortLabel,
  typingLabel,
} from '../../internal/labels.js';
import { StoreController } from '../../internal/store-controller.js';
import { resolveViewer } from '../../internal/viewer.js';
import { adoptLangLocale, getLocale } from '../../localization.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { themeStyles } from '../../styles/theme.styles.js';
import type { SsComment } from '../comment/comment.component.js';
import { commentsActions } from './comments.actions.js';
import { renderEmpty, renderFailure, renderSkeleton } from './comments.states.js';
import styles from './comments.styles.js';

/** The sort select's order: the default first, then the plain orders, then the ranked ones. */
const SORTS: readonly CommentSort[] = ['best', 'new', 'old', 'top', 'hot', 'controversial'];

/**
 * @tag ss-comments
 * @summary A live comment thread for one piece of content: sorting, nested replies, reactions,
 * a composer, editing, deleting, guest sign-in, who is here and who is typing. New comments
 * from others wait behind a "Show N new comments" button so the thread never moves under the
 * reader; edits, reactions and deletions update in place.
 *
 * @slot signed-out - Shown to anonymous readers, e.g. the host's own sign-in button.
 *
 * @csspart base - The wrapper section.
 * @csspart header - The bar with the count heading and the sort select.
 * @csspart heading - The "12 comments" heading.
 * @csspart sort - The sort select.
 * @csspart composer - The top-level composer.
 * @csspart thread - The list of top-level comments.
 * @csspart load-more - The "Load more" button.
 * @csspart incoming - The "Show N new comments" button.
 * @csspart presence - The "N people here" note.
 * @csspart typing - The "Ann is typing…" line.
 *
 * @cssproperty --ss-font-family - Font of every piece of text.
 * @cssproperty --ss-font-size - Base font size (default 0.9375rem).
 * @cssproperty --ss-color-text - Main text colour.
 * @cssproperty --ss-color-text-muted - Secondary text (times, counters).
 * @cssproperty --ss-color-bg - Background.
 * @cssproperty --ss-color-surface - Background of states, code and inputs.
 * @cssproperty --ss-color-border - Borders and the reply line.
 * @cssproperty --ss-color-accent - Primary buttons, links, the viewer's reaction.
 * @cssproperty --ss-color-danger - Errors and delete confirmation.
 * @cssproperty --ss-color-focus - Focus ring.
 * @cssproperty --ss-radius - Corner radius.
 * @cssproperty --ss-avatar-size - Avatar diameter (default 2rem).
 * @cssproperty --ss-indent - Indentation of each reply level.
 *
 * @event {SsCommentPostedDetail} ss-comment-posted - The viewer posted a comment or reply.
 * @event {SsCommentEditedDetail} ss-comment-edited - The viewer saved an edit.
 * @event {SsCommentDeletedDetail} ss-comment-deleted - The viewer deleted a comment.
 * @event {SsReactionChangedDetail} ss-reaction-changed - The viewer reacted to a comment.
 * @event {SsSignedInDetail} ss-signed-in - The viewer signed in as a guest.
 * @event {SsErrorDetail} ss-error - Something the viewer did failed.
 */
@localized()
export class SsComments extends LitElement {
  static override styles = [themeStyles, sharedStyles, styles];

  private readonly session = new ViewerController(this);
  // Hands the resolved client to nested elements, also when it came from the `client` property.
  private readonly provider = new ContextProvider(this, { context: clientContext });
  private readonly threadState = new StoreController<ThreadState>(this);
  private thread?: ThreadStore;

  @state() private site: PublicSiteConfig | null = null;
  @state() private siteError: ShareStackError | null = null;
  @state() private announcement = '';
  /** False until we know whether the token (if any) stands for a viewer: no guest form flashes meanwhile. */
  @state() private viewerKnown = false;

  /** The host page's key for the content being discussed, e.g. `post-1` or a path. */
  @property({ attribute: 'content-id' }) contentId = '';
  @property() sort: CommentSort = 'best';
  /**
   * The page's address, recorded with the first comment (notifications and emails link there).
   * Default: the page's canonical link when it is on this origin, else its address without the
   * fragment. Must be on one of the site's origins.
   */
  @property({ attribute: 'content-url' }) contentUrl?: string;
  /** The page's title, recorded with the first comment. Default: the document's title. */
  @property({ attribute: 'content-title' }) contentTitle?: string;
  /**
   * Top-level comments per page. Unset, it adapts to the connection (Save-Data and the effective
   * type): 50 on fast ones, 30 on medium or unknown ones, 15 on slow ones.
   */
  @property({ type: Number, attribute: 'page-size' }) pageSize?: number;
  /**
   * Replies shown under each top-level comment before a "Show more replies" button (server
   * default when unset; none up front on slow connections).
   */
  @property({ type: Number, attribute: 'replies-limit' }) repliesLimit?: number;
  /** Follow the thread live (the default); `live="off"` loads it once. */
  @property({ converter: (v) => v !== 'off' && v !== 'false' }) live = true;
  /** `light` (the default), `dark`, or `auto` to follow the operating system. */
  @property({ reflect: true }) theme?: 'light' | 'dark' | 'auto';
  @property({ attribute: false }) client?: ShareStackClient;

  override connectedCallback(): void {
    super.connectedCallback();
    adoptLangLocale(this);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const client = this.session.bind();
    const rebind = this.session.changed;
    if (rebind) this.bind(client);
    const sort = SORTS.includes(this.sort) ? this.sort : 'best';
    if (
      rebind ||
      changed.has('contentId') ||
      changed.has('pageSize') ||
      changed.has('repliesLimit') ||
      changed.has('live') ||
      changed.has('contentUrl') ||
      changed.has('contentTitle')
    ) {
      const adaptive = LOADING[connectionQuality()];
      // Created with the current order so the first request already asks for it.
      this.thread =
        client && this.contentId
          ? client.thread(this.contentId, {
              sort,
              limit: this.pageSize ?? adaptive.limit,
              live: this.live,
              page: this.page(),
              ...(this.repliesLimit !== undefined
                ? { repliesLimit: this.repliesLimit }
                : adaptive.replies
                  ? {}
                  : { replies: false }),
            })
          : undefined;
      this.threadState.use(this.thread?.$state);
    } else if (changed.has('sort') && this.thread) {
      // Later changes re-sort the same store, which keeps what the viewer posted meanwhile.
      void this.thread.setSort(sort);
    }
  }

  /** What the thread records of its page (see `contentUrl`, `contentTitle`). */
  private page(): { url?: string; title?: string } {
    // The canonical link when it is on this origin (it drops tracking parameters), else the address.
    const canonical = document.querySelector<HTMLLinkElement>('link[rel=canonical]')?.href;
    const url =
      this.contentUrl ??
      (canonical?.startsWith(`${location.origin}/`) ? canonical : location.href).split('#')[0]!;
    const title = (this.contentTitle ?? document.title).trim();
    return { ...(/^https?:/.test(url) ? { url } : {}), ...(title ? { title } : {}) };
  }

  /** A new client: handed down to the thread's own elements, its site and viewer asked for. */
  private bind(client: ShareStackClient | undefined) {
    this.provider.setValue(client);
    this.site = null;
    this.loadSite();
    this.viewerKnown = false;
    if (client) {
      void resolveViewer(client).then(() => {
        if (client === this.session.bound) this.viewerKnown = true;
      });
    }
  }

  private loadSite() {
    const client = this.session.bound;
    this.siteError = null;
    client?.siteConfig().then(
      (site) => {
        if (client === this.session.bound) this.site = site;
      },
      (error: unknown) => {
        if (client === this.session.bound && isShareStackError(error)) this.siteError = error;
      },
    );
  }

  private async announce(text: string) {
    // Clearing first makes a repeated message ("Comment posted.") announce again.
    this.announcement = '';
    await this.updateComplete;
    this.announcement = text;
  }

  private readonly actions = commentsActions(
    this,
    this.session,
    () => this.thread,
    (text) => this.announce(text),
  );

  private readonly postTopLevel = (text: string) => this.actions.post(text, null);

  private async loadMore() {
    const thread = this.thread!;
    const before = thread.$state.get().items.length;
    try {
      await thread.loadMore();
    } catch (error) {
      if (isShareStackError(error)) {
        emit(this, 'ss-error', { action: 'load-more', error });
        void this.announce(`${msg('More comments could not be loaded.')} ${problemMessage(error)}`);
      }
      return;
    }
    await this.updateComplete;
    this.renderRoot.querySelectorAll<HTMLElement>('.thread > ss-comment')[before]?.focus();
  }

  private showIncoming() {
    const first = this.threadState.value?.incoming[0]?.id;
    this.thread?.showIncoming();
    void this.updateComplete.then(async () => {
      // The reader asked for them: take them to the first one (once it has rendered).
      const el = [...this.renderRoot.querySelectorAll<SsComment>('.thread > ss-comment')].find(
        (c) => c.comment?.id === first,
      );
      await el?.updateComplete;
      el?.focus();
    });
  }

  private readonly onInput = () => this.thread?.typing();

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const incoming = this.threadState.value?.incoming.length ?? 0;
    // Said once when new comments start waiting, not on every further one.
    if (incoming > 0 && this.announcedIncoming === 0) void this.announce(incomingLabel(incoming));
    this.announcedIncoming = incoming;
  }

  private announcedIncoming = 0;

  private retry() {
    if (this.siteError) this.loadSite();
    void this.thread?.load();
  }

  private onSortChange(event: Event) {
    this.sort = (event.target as HTMLSelectElement).value as CommentSort;
  }

  private renderViewer(viewer: Viewer | null, site: PublicSiteConfig | null) {
    if (!site || !this.viewerKnown) return nothing;
    if (!viewer) {
      if (!site.allow_guests) {
        return html`<slot name="signed-out"><p class="signed-out">${msg('Sign in to join the discussion.')}</p></slot>`;
      }
      // Only anonymous readers on sites that allow guests need the form: it loads on demand.
      void import('../guest-form/guest-form.js');
      return html`<div class="viewer">
        <slot name="signed-out"></slot>
        <ss-guest-form .action=${this.actions.signIn}></ss-guest-form>
      </div>`;
    }
    return html`<div class="viewer">
      <div class="viewer-line">
        <span>${msg(html`Commenting as <strong>${viewer.name}</strong>`)}</span>
        ${viewer.is_guest ? html`<button class="link" @click=${() => this.session.bound?.setToken(null)}>${msg('Sign out')}</button>` : nothing}
      </div>
      <ss-composer
        part="composer"
        .label=${msg('Write a comment')}
        .submitLabel=${msg('Post comment')}
        .maxLength=${site.comment_max_length}
        .action=${this.postTopLevel}
      ></ss-composer>
    </div>`;
  }

  private renderThread(t: ThreadState | undefined, viewer: Viewer | null) {
    if (this.siteError || (t?.status === 'error' && t.items.length === 0)) {
      return renderFailure((this.siteError ?? t?.error)!, () => this.retry());
    }
    if (!t || !this.site || (t.items.length === 0 && t.status !== 'ready')) return renderSkeleton();
    const incoming =
      t.incoming.length > 0
        ? html`<button class="btn incoming" part="incoming" @click=${this.showIncoming}>
            ${incomingLabel(t.incoming.length)}
          </button>`
        : nothing;
    if (t.items.length === 0) return t.incoming.length > 0 ? incoming : renderEmpty();
    return html`
      ${incoming}
      <div class="thread" part="thread" aria-busy=${t.status === 'loading' ? 'true' : 'false'}>
        ${repeat(
          t.items,
          (c) => c.id,
          (c) =>
            html`<ss-comment .comment=${c} .actions=${this.actions} .site=${this.site} .viewer=${viewer}></ss-comment>`,
        )}
      </div>
      ${
        t.next_cursor
          ? html`<button class="btn more" part="load-more" ?disabled=${t.loadingMore} @click=${this.loadMore}>
              ${t.loadingMore ? msg('Loading…') : msg('Load more comments')}
            </button>`
          : nothing
      }
    `;
  }

  override render() {
    const t = this.threadState.value;
    const viewer = this.session.viewer;
    return html`
      <section part="base" class="comments" aria-labelledby="heading" @input=${this.onInput}>
        <div class="toolbar" part="header">
          <h2 id="heading" part="heading" tabindex="-1">
            ${t?.status === 'ready' ? commentCount(t.total_count) : msg('Comments')}
          </h2>
          ${
            t?.presence && t.presence.count > 1
              ? html`<span class="presence" part="presence">${presenceLabel(t.presence.count)}</span>`
              : nothing
          }
          <label class="sort">
            ${msg('Sort by')}
            <select part="sort" @change=${this.onSortChange}>
              ${SORTS.map((s) => html`<option value=${s} ?selected=${s === this.sort}>${sortLabel(s)}</option>`)}
            </select>
          </label>
        </div>
        ${this.renderViewer(viewer, this.site)}
        ${
          t?.typing.length
            ? html`<p class="typing" part="typing">${typingLabel(
                t.typing.map((u) => u.name),
                getLocale(),
              )}</p>`
            : nothing
        }
        ${this.renderThread(t, viewer)}
        <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
      </section>
    `;
  }
}
