import { localized, msg, str } from '@lit/localize';
import { REPORT_REASONS, type Report, type ReportReason } from '@sharestack/protocol';
import { isShareStackError, reportComment, type ShareStackClient } from '@sharestack/sdk';
import { html, LitElement } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ClientController } from '../../internal/client-controller.js';
import { emit } from '../../internal/emit.js';
import { problemMessage } from '../../internal/labels.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import styles from './report-dialog.styles.js';

const reasonLabel = (reason: ReportReason): string =>
  ({
    spam: msg('Spam or advertising'),
    harassment: msg('Harassment or bullying'),
    hate: msg('Hate speech'),
    violence: msg('Violence or threats'),
    sexual: msg('Sexual content'),
    misinformation: msg('Misinformation'),
    off_topic: msg('Off topic'),
    other: msg('Something else'),
  })[reason];

/**
 * @tag ss-report-dialog
 * @summary A modal dialog in which a reader reports a comment with a reason. `<ss-comment>`
 * loads it when its Report button is pressed (it is not part of the thread bundle).
 *
 * @csspart dialog - The `dialog` element.
 * @fires {SsCommentReportedDetail} ss-comment-reported - The report was filed; `detail.report.hidden` when it hid the comment.
 */
@localized()
export class SsReportDialog extends LitElement {
  static override styles = [sharedStyles, styles];

  private readonly clients = new ClientController(this);

  @query('dialog') private dialog!: HTMLDialogElement;

  /** The comment to report. */
  @property({ attribute: false }) commentId = '';
  /** Its author's name, for the heading. */
  @property({ attribute: false }) authorName: string | null = null;
  /** Gets focus back when the dialog closes. */
  @property({ attribute: false }) opener: HTMLElement | null = null;
  /** A client of its own; otherwise a provider's (`<ss-comments>` is one) or the default. */
  @property({ attribute: false }) client?: ShareStackClient;

  @state() private busy = false;
  @state() private problem = '';
  @state() private done: Report | null = null;

  override firstUpdated() {
    this.dialog.showModal();
  }

  private onClose() {
    this.remove();
    if (this.opener?.isConnected) this.opener.focus();
  }

  private async onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const reason = data.get('reason') as ReportReason | null;
    const client = this.clients.value;
    if (!reason || this.busy) return;
    if (!client) {
      this.problem = msg('Please sign in first.');
      return;
    }
    const details = String(data.get('details') ?? '').trim();
    this.busy = true;
    this.problem = '';
    try {
      this.done = await reportComment(client, {
        comment_id: this.commentId,
        reason,
        ...(details ? { details } : {}),
      });
      emit(this, 'ss-comment-reported', { report: this.done });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-action=close]')?.focus();
    } catch (error) {
      if (!isShareStackError(error)) throw error;
      this.problem =
        error.code === 'already_reported'
          ? msg('You have already reported this comment.')
          : problemMessage(error);
    } finally {
      this.busy = false;
    }
  }

  private renderForm() {
    return html`<form @submit=${this.onSubmit}>
      <fieldset ?disabled=${this.busy}>
        <legend>${msg('Why are you reporting this comment?')}</legend>
        ${REPORT_REASONS.map(
          (r) =>
            html`<label class="reason"><input type="radio" name="reason" value=${r} required />${reasonLabel(r)}</label>`,
        )}
      </fieldset>
      <label class="details">
        ${msg('Details (optional)')}
        <textarea class="input" name="details" maxlength="1000" ?readonly=${this.busy}></textarea>
      </label>
      <p class="error" role="alert" ?hidden=${!this.problem}>${this.problem}</p>
      <div class="buttons">
        <button type="button" class="btn" data-action="cancel" @click=${() => this.dialog.close()}>${msg('Cancel')}</button>
        <button class="btn btn--primary" data-action="send" ?disabled=${this.busy}>
          ${this.busy ? msg('Sending…') : msg('Send report')}
        </button>
      </div>
    </form>`;
  }

  private renderDone(report: Report) {
    return html`<p class="done" role="status">
        ${
          report.hidden
            ? msg('Thank you. The comment is hidden until a moderator has reviewed it.')
            : msg('Thank you. Moderators will review this comment.')
        }
      </p>
      <div class="buttons">
        <button class="btn btn--primary" data-action="close" @click=${() => this.dialog.close()}>${msg('Close')}</button>
      </div>`;
  }

  override render() {
    const name = this.authorName;
    return html`<dialog part="dialog" aria-labelledby="title" @close=${this.onClose}>
      <h2 id="title">${name ? msg(str`Report the comment by ${name}`) : msg('Report comment')}</h2>
      ${this.done ? this.renderDone(this.done) : this.renderForm()}
    </dialog>`;
  }
}
