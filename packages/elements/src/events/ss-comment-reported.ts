import type { Report } from '@sharestack/protocol';

/** The viewer reported a comment; `report.hidden` when that report hid it pending review. */
export type SsCommentReportedEvent = CustomEvent<{ report: Report }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-comment-reported': SsCommentReportedEvent;
  }
}
