import { localized, msg, str } from '@lit/localize';
import type { PublicSiteConfig, Viewer } from '@sharestack/protocol';
import { isShareStackError, type ThreadComment } from '@sharestack/sdk';
import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { problemMessage } from '../../internal/labels.js';
import { canReplyAt, isStaff, type ThreadActions } from '../../internal/thread-actions.js';
import { absoluteTime, relativeTime } from '../../internal/time.js';
import { getLocale } from '../../localization.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import styles from './comment.styles.js';

/**
 * Replies deeper than this stop indenting, so narrow embeds stay readable. At the default
 * max_depth (5) every level still indents; only sites that allow deeper threads flatten.
 */
const MAX_INDENT_DEPTH = 6;

type Mode = 'view' | 'reply' | 'edit' | 'confirm-delete';

const hue = (name: string) => [...name].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 360, 7);

/**
 * @tag ss-comment
 * @summary One comment of a thread with its actions and, below it, its replies.
 * Rendered by `<ss-comments>`; not meant to be used on its own.
 *
 * @csspart base - The comment (an `article`).
 * @csspart avatar - The author's picture or initial.
 * @csspart header - Author, badges and time.
 * @csspart body - The comment text.
 * @csspart actions - Reactions and the reply, edit, report and delete buttons.
 * @csspart replies - The container of replies.
 * @csspart more-replies - The "Show more replies" button of a long thread.
 */
@localized()
export class SsComment extends LitElement {
  static override styles = [sharedStyles, styles];

  @query('.comment') private article!: HTMLElement;

  @state() private mode: Mode = 'view';
  @state() private deleting = false;
  @state() private loadingReplies = false;
  @state() private problem = '';

  @property({ attribute: false }) comment!: ThreadComment;
  @property({ attribute: false }) actions!: ThreadActions;
  @property({ attribute: false }) site: PublicSiteConfig | null = null;
  @property({ attribute: false }) viewer: Viewer | null = null;

  private get isAuthor(): boolean {
    return !!this.viewer && this.viewer.id === this.comment.user_id;
  }

  private get canEdit(): boolean {
    const c = this.comment;
    if (!this.isAuthor || c.is_deleted || c.pending || !this.site) return false;
    return Date.now() - Date.parse(c.created_at) < this.site.edit_window_seconds * 1000;
  }

  private get canDelete(): boolean {
    const c = this.comment;
    return !c.is_deleted && !c.pending && (this.isAuthor || isStaff(this.viewer));
  }

  /** Not published, and never will be unless edited or reported anew: a moderator decided. */
  private get isRejected(): boolean {
    return this.comment.moderation_status === 'rejected' && !this.comment.is_deleted;
  }

  private get canReply(): boolean {
    const c = this.comment;
    return (
      !!this.viewer &&
      !!this.site &&
      !c.is_deleted &&
      !c.pending &&
      !this.isRejected &&
      // An unpublished comment takes replies from its author only (the server says the same).
      (!c.moderation_status || this.isAuthor) &&
      canReplyAt(c.depth, this.site.max_depth)
    );
  }

  private async switchTo(mode: Mode, focus: string) {
    this.mode = mode;
    this.problem = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(focus)?.focus();
  }

  private readonly reply = async (text: string) => {
    await this.actions.post(text, this.comment.id);
    await this.switchTo('view', '[data-action=reply]');
  };

  private readonly saveEdit = async (text: string) => {
    await this.actions.edit(this.comment.id, text);
    await this.switchTo('view', '[data-action=edit]');
  };

  private async confirmDelete() {
    this.deleting = true;
    this.problem = '';
    try {
      await this.actions.remove(this.comment.id);
      this.mode = 'view';
      // Still here when replies keep it as a tombstone; otherwise the thread recovers focus.
      if (this.isConnected) {
        await this.updateComplete;
        this.article.focus();
      }
    } catch (error) {
      if (!isShareStackError(error)) throw error;
      this.problem = problemMessage(error);
    } finally {
      this.deleting = false;
    }
  }

  private async showAllReplies() {
    // Ignored rather than disabled while loading, so the button keeps focus.
    if (this.loadingReplies) return;
    const shown = this.comment.replies.length;
    this.loadingReplies = true;
    try {
      await this.actions.loadReplies(this.comment.id);
    } catch {
      // <ss-comments> announced it; the button stays for another try.
      return;
    } finally {
      this.loadingReplies = false;
    }
    await this.updateComplete;
    this.renderRoot.querySelectorAll<HTMLElement>('.replies > ss-comment')[shown]?.focus();
  }

  private renderAvatar() {
    const author = this.comment.author;
    if (!author) return html`<span class="avatar avatar--none" part="avatar" aria-hidden="true"></span>`;
    if (author.avatar_url) {
      return html`<img class="avatar" part="avatar" src=${author.avatar_url} alt="" loading="lazy" />`;
    }
    return html`<span class="avatar" part="avatar" aria-hidden="true" style="--ss-hue:${hue(author.name)}"
      >${[...author.name.trim()][0]?.toUpperCase() ?? '?'}</span
    >`;
  }

  private renderStatus() {
    const c = this.comment;
    if (c.pending) {
      const label = c.id.startsWith('pending-')
        ? msg('Posting…')
        : c.is_deleted
          ? msg('Deleting…')
          : msg('Saving…');
      return html`<span class="badge">${label}</span>`;
    }
    if (this.isRejected) {
      return html`<span class="badge badge--rejected">${msg('Not published: removed by a moderator')}</span>`;
    }
    if (!c.is_approved && !c.is_deleted) return html`<span class="badge">${msg('Awaiting approval')}</span>`;
    return nothing;
  }

  private renderBody() {
    const c = this.comment;
    if (c.is_deleted) return html`<p class="tombstone">${msg('This comment was deleted')}</p>`;
    if (this.mode === 'edit') {
      return html`<ss-composer
        .label=${msg('Edit your comment')}
        .submitLabel=${msg('Save')}
        .value=${c.comment_text}
        .maxLength=${this.site?.comment_max_length ?? 10_000}
        .action=${this.saveEdit}
        .dismiss=${() => this.switchTo('view', '[data-action=edit]')}
        dismissible
      ></ss-composer>`;
    }
    // Optimistic text has no server-rendered HTML yet, so it shows as typed.
    if (c.pending || !c.html) return html`<p class="plain">${c.comment_text}</p>`;
    return unsafeHTML(c.html);
  }

  private renderActions() {
    const c = this.comment;
    if (c.is_deleted || this.mode === 'edit') return nothing;
    return html`<div class="actions" part="actions">
      <ss-reactions
        theme="inherit"
        target-type="comment"
        target-id=${c.id}
        .reactionSet=${this.site?.reaction_set ?? []}
        .value=${{ counts: c.reactions, my_reaction: c.my_reaction }}
        .action=${(reaction: string | null) => this.actions.react(c.id, reaction)}
        ?disabled=${c.pending || !this.viewer}
      ></ss-reactions>
      ${
        this.canReply
          ? html`<button class="link" data-action="reply" aria-expanded=${this.mode === 'reply'}
              @click=${() => this.switchTo(this.mode === 'reply' ? 'view' : 'reply', this.mode === 'reply' ? '[data-action=reply]' : 'ss-composer')}>
              ${msg('Reply')}
            </button>`
          : nothing
      }
      ${
        this.canEdit
          ? html`<button class="link" data-action="edit" @click=${() => this.switchTo('edit', 'ss-composer')}>
              ${msg('Edit')}
            </button>`
          : nothing
      }
      ${
        // Not on an unpublished comment: it is before the moderators already.
        this.viewer && !this.isAuthor && !c.pending && !c.moderation_status
          ? html`<button class="link" data-action="report" aria-haspopup="dialog"
              @click=${() => import('../report-dialog/report-dialog.js').then((m) => m.openReport(this, c.id))}>
              ${msg('Report')}
            </button>`
          : nothing
      }
      ${
        this.canDelete
          ? html`<button class="link" data-action="delete" @click=${() => this.switchTo('confirm-delete', '[data-action=cancel-delete]')}>
              ${msg('Delete')}
            </button>`
          : nothing
      }
    </div>`;
  }

  private renderConfirm() {
    if (this.mode !== 'confirm-delete') return nothing;
    return html`<div class="confirm" role="group" aria-label=${msg('Confirm deletion')}>
      <span>${msg('Delete this comment?')}</span>
      <button class="btn btn--danger" data-action="confirm-delete" ?disabled=${this.deleting} @click=${this.confirmDelete}>
        ${this.deleting ? msg('Deleting…') : msg('Delete')}
      </button>
      <button class="btn" data-action="cancel-delete" ?disabled=${this.deleting}
        @click=${() => this.switchTo('view', '[data-action=delete]')}>${msg('Cancel')}</button>
      ${this.problem ? html`<p class="error">${this.problem}</p>` : nothing}
    </div>`;
  }

  /** Moves focus to the comment itself (after it was loaded, say). */
  override focus(options?: FocusOptions): void {
    this.article?.focus(options);
  }

  override render() {
    const c = this.comment;
    const locale = getLocale();
    const name = c.author?.name ?? msg('Deleted');
    return html`
      <article
        part="base"
        class="comment ${c.pending ? 'comment--pending' : ''}"
        tabindex="-1"
        aria-label=${msg(str`Comment by ${name}`)}
        aria-busy=${c.pending ? 'true' : 'false'}
      >
        ${this.renderAvatar()}
        <div class="main">
          <div class="header" part="header">
            <span class="author">${name}</span>
            ${c.author?.is_guest ? html`<span class="badge">${msg('Guest')}</span>` : nothing}
            <span aria-hidden="true">·</span>
            <time datetime=${c.created_at} title=${absoluteTime(c.created_at, locale)}>${relativeTime(c.created_at, locale)}</time>
            ${c.edited_at && !c.is_deleted ? html`<span title=${absoluteTime(c.edited_at, locale)}>${msg('(edited)')}</span>` : nothing}
            ${this.renderStatus()}
          </div>
          <div class="body" part="body">${this.renderBody()}</div>
          ${this.renderActions()} ${this.renderConfirm()}
          ${
            this.mode === 'reply'
              ? html`<ss-composer
                  .label=${msg(str`Reply to ${name}`)}
                  .submitLabel=${msg('Reply')}
                  .maxLength=${this.site?.comment_max_length ?? 10_000}
                  .action=${this.reply}
                  .dismiss=${() => this.switchTo('view', '[data-action=reply]')}
                  dismissible
                ></ss-composer>`
              : nothing
          }
        </div>
      </article>
      ${
        c.replies.length
          ? html`<div class="replies ${c.depth + 1 >= MAX_INDENT_DEPTH ? 'replies--flat' : ''}" part="replies">
              ${repeat(
                c.replies,
                (r) => r.id,
                (r) =>
                  html`<ss-comment .comment=${r} .actions=${this.actions} .site=${this.site} .viewer=${this.viewer}></ss-comment>`,
              )}
            </div>`
          : nothing
      }
      ${
        c.has_more_replies
          ? html`<button class="link more-replies" part="more-replies" aria-busy=${this.loadingReplies ? 'true' : 'false'}
              @click=${this.showAllReplies}>
              ${this.loadingReplies ? msg('Loading…') : msg('Show more replies')}
            </button>`
          : nothing
      }
    `;
  }
}
