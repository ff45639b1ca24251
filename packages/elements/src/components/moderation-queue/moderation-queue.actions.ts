import { msg, str } from '@lit/localize';
import type { ModerationAction, ModerationItem, ModerationPriority } from '@sharestack/protocol';

/**
 * What a moderator can do from the queue, in words, and the second press the severe actions
 * ask for (see <ss-moderation-queue>): the element keeps which action is armed; this says
 * whether a press confirms it and what the prompt reads.
 */

/** Keys that act on the focused item, or on the selection when there is one. */
export const SHORTCUTS: Record<string, ModerationAction> = {
  a: 'approve',
  r: 'reject',
  s: 'spam',
  d: 'delete',
  b: 'ban',
  h: 'shadow_ban',
};

/** Actions that are hard to undo: the first key press or click arms them, the second performs them. */
export const SEVERE: ReadonlySet<ModerationAction> = new Set(['delete', 'ban', 'shadow_ban']);

/** How long an armed action waits for its confirmation, in milliseconds. */
export const CONFIRM_WINDOW = 5000;

/** Where a severe action was asked for: a shortcut key, an item's button or a bulk button. */
export type Via = 'key' | 'item' | 'bulk';

/** A severe action waiting for its second press. */
export interface Armed {
  action: ModerationAction;
  ids: string[];
  via: Via;
  /** The item that shows the prompt (the focused one for a key, the button's for a click). */
  itemId?: string;
}

export const sameIds = (a: string[], b: string[]) => a.length === b.length && a.every((id) => b.includes(id));

export const actionLabel = (a: ModerationAction): string =>
  ({
    approve: msg('Approve'),
    reject: msg('Reject'),
    spam: msg('Spam'),
    delete: msg('Delete'),
    ban: msg('Ban author'),
    shadow_ban: msg('Shadow-ban author'),
  })[a];

export const priorityLabel = (p: ModerationPriority): string =>
  ({ urgent: msg('Urgent'), high: msg('High'), normal: msg('Normal'), low: msg('Low') })[p];

export const confirmLabel = (action: ModerationAction): string => msg(str`Confirm: ${actionLabel(action)}`);

/** Whether the button for `action` (on item `itemId`, or in the toolbar) waits for its confirmation. */
export const armedFor = (armed: Armed | undefined, action: ModerationAction, via: Via, itemId?: string) =>
  armed?.action === action && armed.via === via && armed.itemId === itemId;

/** What the armed action will do to `items` (those it names), and how to go ahead or cancel. */
export function promptText(armed: Armed, items: ModerationItem[]): string {
  const n = armed.ids.length;
  const targets = items.filter((i) => armed.ids.includes(i.id));
  const authors = new Map(targets.map((i) => [i.user_id, i.comment?.author?.name ?? i.user_id]));
  const name = [...authors.values()][0] ?? '';
  const m = authors.size;
  const question =
    armed.action === 'delete'
      ? n === 1
        ? msg(str`Delete the comment by ${name}?`)
        : msg(str`Delete ${n} comments?`)
      : armed.action === 'ban'
        ? m === 1
          ? msg(str`Ban ${name}?`)
          : msg(str`Ban ${m} authors?`)
        : m === 1
          ? msg(str`Shadow-ban ${name}?`)
          : msg(str`Shadow-ban ${m} authors?`);
  const key = Object.keys(SHORTCUTS).find((k) => SHORTCUTS[k] === armed.action) ?? '';
  const how =
    armed.via === 'key'
      ? msg(str`Press ${key} again to go ahead — Escape cancels.`)
      : msg(str`Press “${confirmLabel(armed.action)}” to go ahead — Escape cancels.`);
  return `${question} ${how}`;
}
