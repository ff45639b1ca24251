import { msg } from '@lit/localize';
import { REPORT_REASONS, type ReportReason } from '@sharestack/protocol';
import { html, nothing } from 'lit';

/** The inline "why are you reporting this?" form of a comment. */
export function reportForm(o: { problem: string; submit: (e: SubmitEvent) => void; cancel: () => void }) {
  const labels: Record<ReportReason, string> = {
    spam: msg('Spam'),
    harassment: msg('Harassment'),
    hate: msg('Hate'),
    violence: msg('Violence'),
    sexual: msg('Sexual content'),
    misinformation: msg('Misinformation'),
    off_topic: msg('Off topic'),
    other: msg('Something else'),
  };
  return html`<form class="confirm report" aria-label=${msg('Report this comment')} @submit=${o.submit}>
    <label>${msg('Why?')}
      <select name="reason">${REPORT_REASONS.map((r) => html`<option value=${r}>${labels[r]}</option>`)}</select>
    </label>
    <button class="btn btn--danger" type="submit" data-action="send-report">${msg('Report')}</button>
    <button class="btn" type="button" @click=${o.cancel}>${msg('Cancel')}</button>
    ${o.problem ? html`<p class="error">${o.problem}</p>` : nothing}
  </form>`;
}
