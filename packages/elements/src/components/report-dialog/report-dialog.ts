import type { SsComment } from '../comment/comment.component.js';
import { SsReportDialog } from './report-dialog.component.js';

export { SsReportDialog };
export default SsReportDialog;

if (!customElements.get('ss-report-dialog')) customElements.define('ss-report-dialog', SsReportDialog);

declare global {
  interface HTMLElementTagNameMap {
    'ss-report-dialog': SsReportDialog;
  }
}

/**
 * Opens the report dialog for a comment; `<ss-comment>`'s Report button calls it after loading
 * this chunk. The dialog goes into the thread's shadow root rather than the comment's: a report
 * can hide the comment (taking it out of the thread) while the dialog still shows the outcome,
 * and the thread's theme and client reach it there.
 */
export function openReport(from: SsComment, commentId: string): SsReportDialog {
  const dialog = document.createElement('ss-report-dialog');
  dialog.commentId = commentId;
  dialog.authorName = from.comment.author?.name ?? null;
  dialog.opener = from.renderRoot.querySelector<HTMLElement>('[data-action=report]');
  let host: Element = from;
  let root = host.getRootNode();
  while (root instanceof ShadowRoot && root.host.localName === 'ss-comment') {
    host = root.host;
    root = host.getRootNode();
  }
  (root instanceof ShadowRoot ? root : document.body).append(dialog);
  return dialog;
}
