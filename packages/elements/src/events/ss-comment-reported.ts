import type { Report } from '@sharestack/protocol';

/** `detail` of the `ss-comment-reported` event. */
export interface SsCommentReportedDetail {
  report: Report;
}

/** The viewer reported a comment; `report.hidden` when that report hid it pending review. */
export type SsCommentReportedEvent = CustomEvent<SsCommentReportedDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-comment-reported': SsCommentReportedEvent;
  }
}
