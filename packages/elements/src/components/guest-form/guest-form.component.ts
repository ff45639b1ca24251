import { localized, msg } from '@lit/localize';
import { Limits } from '@sharestack/protocol';
import { isShareStackError } from '@sharestack/sdk';
import { html, LitElement } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { problemMessage } from '../../internal/labels.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import styles from './guest-form.styles.js';

/**
 * @tag ss-guest-form
 * @summary Asks an anonymous reader for a display name and signs them in as a guest.
 * Rendered by `<ss-comments>` when the site allows guests.
 *
 * @csspart base - The form.
 * @csspart input - The name field.
 * @csspart submit - The button.
 */
@localized()
export class SsGuestForm extends LitElement {
  static override styles = [sharedStyles, styles];

  @query('input') private input!: HTMLInputElement;

  @state() private busy = false;
  @state() private problem = '';

  /** Signs in with the trimmed name; failures are shown under the field. */
  @property({ attribute: false }) action?: (name: string) => Promise<unknown>;

  private async onSubmit(event: Event) {
    event.preventDefault();
    const name = this.input.value.trim();
    if (!name || this.busy || !this.action) return;
    this.busy = true;
    this.problem = '';
    try {
      await this.action(name);
    } catch (error) {
      if (!isShareStackError(error)) throw error;
      this.problem = problemMessage(error);
      await this.updateComplete;
      this.input.focus();
    } finally {
      this.busy = false;
    }
  }

  override focus(options?: FocusOptions): void {
    this.input?.focus(options);
  }

  override render() {
    return html`
      <form part="base" @submit=${this.onSubmit}>
        <label>
          ${msg('Your name')}
          <input
            class="input"
            part="input"
            name="name"
            autocomplete="nickname"
            required
            maxlength=${Limits.displayNameMax}
            ?readonly=${this.busy}
            aria-invalid=${this.problem ? 'true' : 'false'}
            aria-describedby="problem"
          />
        </label>
        <button class="btn btn--primary" part="submit" ?disabled=${this.busy}>${msg('Comment as guest')}</button>
        <p id="problem" class="error" ?hidden=${!this.problem}>${this.problem}</p>
      </form>
    `;
  }
}
