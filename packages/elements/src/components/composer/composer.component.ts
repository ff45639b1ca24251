import { localized, msg, str } from '@lit/localize';
import { isShareStackError, type ShareStackError } from '@sharestack/sdk';
import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { problemMessage } from '../../internal/labels.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import styles from './composer.styles.js';

let uid = 0;
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * @tag ss-composer
 * @summary A text box for writing, replying to or editing a comment, with a character counter.
 * Ctrl/Cmd+Enter submits, Escape dismisses. The text stays when `action` fails.
 *
 * @csspart base - The form.
 * @csspart textarea - The text box.
 * @csspart submit - The submit button.
 * @csspart counter - The character counter.
 * @csspart error - The problem shown after a failed submit.
 */
@localized()
export class SsComposer extends LitElement {
  static override styles = [sharedStyles, styles];

  private readonly fieldId = `ss-composer-${++uid}`;

  @query('textarea') private textarea!: HTMLTextAreaElement;

  @state() private text = '';
  @state() private busy = false;
  @state() private error: ShareStackError | null = null;

  /** Accessible label of the text box, also its placeholder. */
  @property() label = '';
  @property({ attribute: 'submit-label' }) submitLabel = '';
  /** Initial text (when editing). */
  @property() value = '';
  @property({ type: Number, attribute: 'max-length' }) maxLength = 10_000;
  /** Shows a Cancel button; Escape also dismisses. */
  @property({ type: Boolean }) dismissible = false;
  /** Sends the text; the composer clears on success and shows the problem on failure. */
  @property({ attribute: false }) action?: (text: string) => Promise<unknown>;
  @property({ attribute: false }) dismiss?: () => void;

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('value')) this.text = this.value;
  }

  private get over(): boolean {
    return this.text.length > this.maxLength;
  }

  private get canSubmit(): boolean {
    return !this.busy && this.text.trim().length > 0 && !this.over;
  }

  private onInput(event: Event) {
    this.text = (event.target as HTMLTextAreaElement).value;
    this.error = null;
  }

  private onKeydown(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.submit();
    } else if (event.key === 'Escape' && this.dismissible && !this.busy) {
      event.preventDefault();
      this.dismiss?.();
    }
  }

  private onSubmit(event: Event) {
    event.preventDefault();
    void this.submit();
  }

  /** Submits the current text as if the viewer pressed the button. */
  async submit(): Promise<void> {
    if (!this.canSubmit || !this.action) return;
    this.busy = true;
    this.error = null;
    try {
      await this.action(this.text.trim());
      this.text = '';
    } catch (error) {
      if (!isShareStackError(error)) throw error;
      this.error = error;
    } finally {
      this.busy = false;
    }
    await this.updateComplete;
    if (this.error) this.textarea.focus();
  }

  override focus(options?: FocusOptions): void {
    this.textarea?.focus(options);
  }

  override render() {
    const id = this.fieldId;
    const fieldError = this.error?.fieldErrors.comment_text;
    const message = this.error ? (fieldError ?? problemMessage(this.error)) : '';
    const shortcut = isMac ? msg('⌘+Enter to send') : msg('Ctrl+Enter to send');
    return html`
      <form part="base" class="composer" @submit=${this.onSubmit} aria-busy=${this.busy ? 'true' : 'false'}>
        <label class="sr-only" for="${id}-text">${this.label}</label>
        <textarea
          id="${id}-text"
          class="input"
          part="textarea"
          rows="3"
          .value=${this.text}
          placeholder=${this.label}
          ?readonly=${this.busy}
          aria-invalid=${message || this.over ? 'true' : 'false'}
          aria-describedby="${id}-counter ${id}-error"
          @input=${this.onInput}
          @keydown=${this.onKeydown}
        ></textarea>
        <p id="${id}-error" class="error" part="error" ?hidden=${!message}>${message}</p>
        <div class="bar">
          <button type="submit" class="btn btn--primary" part="submit" ?disabled=${!this.canSubmit}>
            ${this.busy ? msg('Sending…') : this.submitLabel || msg('Post')}
          </button>
          ${
            this.dismissible
              ? html`<button type="button" class="btn" ?disabled=${this.busy} @click=${() => this.dismiss?.()}>
                  ${msg('Cancel')}
                </button>`
              : nothing
          }
          <span class="hint" aria-hidden="true">${shortcut}</span>
          <span id="${id}-counter" part="counter" class="counter ${this.over ? 'counter--over' : ''}">
            <span aria-hidden="true">${this.text.length}/${this.maxLength}</span>
            <span class="sr-only">${msg(str`${this.text.length} of ${this.maxLength} characters`)}</span>
          </span>
        </div>
      </form>
    `;
  }
}
