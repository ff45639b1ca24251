import { SsModerationQueue } from '@sharestack/elements';
import type { BulkModerationResult, ModerationItem, ModerationQueue, Viewer } from '@sharestack/protocol';
import { ErrorCode, PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE } from '@sharestack/protocol';
import { createClient, type ShareStackClient } from '@sharestack/sdk';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { makeComment, scriptedRealtime } from '../fixtures/index.js';
import { dark, type Theme } from './support.js';

// The embed registers tags lazily (define.ts); until it lists this one, the story registers it.
if (!customElements.get('ss-moderation-queue'))
  customElements.define('ss-moderation-queue', SsModerationQueue);

const MODERATOR: Viewer = {
  id: 'mia',
  name: 'Mia Moderator',
  avatar_url: null,
  roles: ['moderator'],
  is_guest: false,
};

function item(
  id: string,
  priority: ModerationItem['priority'],
  text: string,
  extra: Partial<ModerationItem> = {},
) {
  const comment = makeComment({ id: String(100 + Number(id)), comment_text: text, is_approved: false });
  const base: ModerationItem = {
    id,
    comment_id: comment.id,
    content_id: 'post-1',
    user_id: comment.user_id,
    priority,
    status: 'pending',
    reasons: ['pipeline'],
    verdict: {
      overall_score: 0.72,
      individual_scores: {
        spam_probability: 0.64,
        toxicity: 0,
        links: 0.2,
        repetition: 0,
        user_behavior: 0.3,
      },
      flags: ['new_account', 'spam_classifier'],
      action: 'flag_for_review',
    },
    report_count: 0,
    report_reasons: {},
    assigned_to: null,
    lease_expires_at: null,
    resolution: null,
    resolved_by: null,
    created_at: comment.created_at,
    updated_at: comment.created_at,
    comment,
  };
  return { ...base, ...extra };
}

const ITEMS: ModerationItem[] = [
  item('1', 'urgent', 'You are all idiots and this article is garbage.', {
    reasons: ['reports', 'hidden_by_reports'],
    verdict: null,
    report_count: 4,
    report_reasons: { harassment: 3, hate: 1 },
  }),
  item('2', 'high', 'casino bonus codes in my profile, check them out', {
    verdict: {
      overall_score: 0.86,
      individual_scores: { spam_probability: 0.81, toxicity: 0, links: 0, repetition: 0, user_behavior: 0.3 },
      flags: ['flagged_word:casino', 'spam_classifier'],
      action: 'flag_for_review',
    },
  }),
  item('3', 'normal', 'Hello everyone, first comment here!', { reasons: ['pre_moderation'] }),
  item('4', 'low', 'Make money fast! Earn $5000 a week from home, click http://cheap.example now!!!', {
    verdict: {
      overall_score: 1,
      individual_scores: { spam_probability: 1, toxicity: 0, links: 0.1, repetition: 0, user_behavior: 0.3 },
      flags: ['new_account', 'spam_classifier'],
      action: 'block',
    },
  }),
];

const respond = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const forbidden = () =>
  new Response(
    JSON.stringify({
      type: `${PROBLEM_TYPE_BASE}forbidden`,
      title: 'Forbidden',
      status: 403,
      code: ErrorCode.Forbidden,
    }),
    { status: 403, headers: { 'content-type': PROBLEM_CONTENT_TYPE } },
  );

/** A client whose moderation calls are answered from memory, so the story needs no server. */
function queueClient(items: ModerationItem[], moderator = true): ShareStackClient {
  let queue = structuredClone(items);
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname.replace(/^.*?\/api\//, '').replace(/\/$/, '');
    await new Promise((r) => setTimeout(r, 150));
    if (path === 'me') return respond(moderator ? MODERATOR : { ...MODERATOR, roles: [] });
    if (!moderator) return forbidden();
    if (path === 'moderation/queue') {
      const counts: Record<string, number> = {};
      for (const i of queue) counts[i.priority] = (counts[i.priority] ?? 0) + 1;
      const body: ModerationQueue = { items: queue, next_cursor: null, counts };
      return respond(body);
    }
    if (path === 'moderation/actions' && request.method === 'POST') {
      const { item_ids, action } = (await request.json()) as {
        item_ids: string[];
        action: ModerationItem['resolution'];
      };
      const done = queue.filter((i) => item_ids.includes(i.id));
      queue = queue.filter((i) => !item_ids.includes(i.id));
      const body: BulkModerationResult = {
        items: done.map((i) => ({ ...i, status: 'resolved', resolution: action, resolved_by: MODERATOR.id })),
        failed: [],
      };
      return respond(body);
    }
    return respond({ code: 'not_found' }, 404);
  };
  return createClient({
    baseUrl: 'https://comments.example.test',
    site: 'storybook',
    token: 'mod',
    fetch,
    // No socket: the queue's live updates would try to reach the fixture's host.
    realtime: scriptedRealtime(),
  });
}

interface QueueArgs {
  theme: Theme;
  items: ModerationItem[];
  moderator: boolean;
}

const meta = {
  title: 'Elements/ss-moderation-queue',
  component: 'ss-moderation-queue',
  args: { theme: 'light', items: ITEMS, moderator: true },
  argTypes: { theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] } },
  render: (args) => html`
    <ss-moderation-queue
      .client=${queueClient(args.items, args.moderator)}
      theme=${args.theme}
      poll-interval="0"
    ></ss-moderation-queue>
  `,
} satisfies Meta<QueueArgs>;

export default meta;
type Story = StoryObj<QueueArgs>;

/** Urgent first. Focus an item: ↓/↑ move, x selects, a approves, s marks spam, d deletes. */
export const Default: Story = {};

export const Empty: Story = { args: { items: [] } };

/** What a signed-in user who is not a moderator sees. */
export const NotAModerator: Story = { args: { moderator: false } };

export const Dark: Story = { ...dark, args: { theme: 'dark' } };
