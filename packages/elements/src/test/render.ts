import { fixture, html, waitUntil } from '@open-wc/testing';
import type { CommentSort } from '@sharestack/protocol';
import type { ShareStackClient } from '@sharestack/sdk';
import '../define.js';
import type { SsComment } from '../components/comment/comment.component.js';
import type { SsComments } from '../components/comments/comments.component.js';
import { deepQuery, deepQueryAll, deepText } from './dom.js';

/** Renders `<ss-comments>` for `contentId` and waits until its thread (or a state) has rendered. */
export async function renderComments(
  client: ShareStackClient | undefined,
  contentId: string,
  options: {
    sort?: CommentSort;
    pageSize?: number;
    repliesLimit?: number;
    theme?: 'light' | 'dark' | 'auto';
    live?: boolean;
  } = {},
): Promise<SsComments> {
  const el = await fixture<SsComments>(html`<ss-comments
    .client=${client}
    content-id=${contentId}
    sort=${options.sort ?? 'old'}
    page-size=${options.pageSize ?? 20}
    .repliesLimit=${options.repliesLimit}
    theme=${options.theme ?? 'light'}
    .live=${options.live ?? true}
  ></ss-comments>`);
  const root = el.shadowRoot!;
  await waitUntil(
    () =>
      root.querySelector('.state--error') ||
      (root.querySelector('.thread, .state') && root.querySelector('.viewer, slot[name=signed-out]')),
    'thread never rendered',
    { timeout: 5000, interval: 10 },
  );
  await settle(el);
  return el;
}

/** Waits until every nested comment has rendered. */
export async function settle(el: Element): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await Promise.all(
      deepQueryAll<SsComment>(el, 'ss-comment, ss-reactions, ss-composer').map((c) => c.updateComplete),
    );
  }
}

/** The comment item whose own text (not its replies') contains `needle`. */
export function commentByText(root: Element, needle: string): SsComment {
  const found = deepQueryAll<SsComment>(root, 'ss-comment').find((c) =>
    deepText(c.shadowRoot!.querySelector('article')).includes(needle),
  );
  if (!found) throw new Error(`no comment with "${needle}"`);
  return found;
}

/** A button inside one comment's own article, by its data-action. */
export const action = (comment: SsComment, name: string) =>
  comment.shadowRoot!.querySelector<HTMLButtonElement>(`article [data-action=${name}]`);

/** Texts of top-level comments in display order. */
export const topLevelTexts = (el: SsComments): string[] =>
  [...el.shadowRoot!.querySelectorAll<SsComment>('.thread > ss-comment')].map((c) => c.comment.comment_text);

export const liveRegion = (el: SsComments) =>
  deepText(el.shadowRoot!.querySelector('[role=status][aria-live]'));

export const composerOf = (root: Element) =>
  deepQuery<HTMLTextAreaElement>(root, 'ss-composer >>> textarea')!;
