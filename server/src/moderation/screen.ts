import { ErrorCode, type ModerationPriority, type ModerationVerdict } from '@sharestack/protocol';
import type { Principal } from '../http/env.js';
import { ProblemError } from '../http/problem.js';
import type { SiteRecord } from '../sites/service.js';
import type { Db } from '../store/db.js';
import type { CommentRow } from '../store/schema.js';
import { setApproved } from './approval.js';
import { activeBan, assertNotBanned } from './bans.js';
import type { SpamModel } from './classifier/naive-bayes.js';
import { features } from './classifier/tokens.js';
import { enqueue, type ItemRow } from './items.js';
import { learnedFor } from './learning.js';
import { type AuthorContext, type ExternalClassifier, runPipeline } from './pipeline.js';

/** What moderation says about one comment write, and what it does once the row exists. */
export interface Screening {
  /** False when the comment waits for a moderator (pipeline flag or block, or a shadow-ban). */
  readonly publishable: boolean;
  /** Written by a shadow-banned author. */
  readonly shadowed: boolean;
  /** In the comment's transaction, after the new row is written. */
  recordCreate(tx: Db, c: { id: number; contentRef: number; heldByPreModeration: boolean }): Promise<void>;
  /** In the edit's transaction, with the row as it was before the edit. */
  recordEdit(tx: Db, before: CommentRow): Promise<void>;
  /** After commit: announces what was queued or hidden. */
  afterCommit(): Promise<void>;
}

/** The hook the comments service calls on every create and edit. */
export interface CommentScreen {
  screen(site: SiteRecord, viewer: Principal, text: string, mode: 'create' | 'edit'): Promise<Screening>;
}

export interface ScreenEffects {
  queued(siteId: string, item: ItemRow): Promise<void>;
  hidden(siteId: string, commentId: number, reason: string): Promise<void>;
}

const PASS: Screening = {
  publishable: true,
  shadowed: false,
  recordCreate: async () => {},
  recordEdit: async () => {},
  afterCommit: async () => {},
};

const RECENT = 20;
const HOUR_MS = 3_600_000;

export function priorityFor(verdict: ModerationVerdict | null, site: SiteRecord): ModerationPriority {
  if (!verdict || verdict.action === 'approve') return 'normal';
  if (verdict.action === 'block') {
    return verdict.individual_scores.toxicity > site.settings.toxicity_block_threshold ? 'high' : 'low';
  }
  return verdict.overall_score >= 0.8 ? 'high' : 'normal';
}

async function authorContext(
  db: Db,
  site: SiteRecord,
  viewer: Principal,
  mode: 'create' | 'edit',
): Promise<AuthorContext> {
  const [user, recent, rejected] = await Promise.all([
    db
      .selectFrom('users')
      .select('created_at')
      .where('site_id', '=', site.id)
      .where('id', '=', viewer.id)
      .executeTakeFirst(),
    db
      .selectFrom('comments')
      .select(['comment_text', 'created_at'])
      .where('site_id', '=', site.id)
      .where('user_id', '=', viewer.id)
      .orderBy('id', 'desc')
      .limit(RECENT)
      .execute(),
    db
      .selectFrom('moderation_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('site_id', '=', site.id)
      .where('user_id', '=', viewer.id)
      .where('resolution', 'in', ['spam', 'reject', 'ban', 'shadow_ban'])
      .executeTakeFirstOrThrow(),
  ]);
  const now = Date.now();
  const accountAgeHours = user ? (now - Date.parse(user.created_at)) / HOUR_MS : null;
  const { new_account_hours, new_account_comments_per_hour: perHour } = site.settings;
  if (mode === 'create' && (accountAgeHours === null || accountAgeHours < new_account_hours)) {
    const lastHour = recent.filter((r) => now - Date.parse(r.created_at) < HOUR_MS);
    let count = lastHour.length;
    if (perHour > RECENT && count === RECENT) {
      const row = await db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('site_id', '=', site.id)
        .where('user_id', '=', viewer.id)
        .where('created_at', '>', new Date(now - HOUR_MS).toISOString())
        .executeTakeFirstOrThrow();
      count = Number(row.n);
    }
    if (count >= perHour) {
      const oldest = lastHour.at(-1);
      const retry = oldest
        ? Math.max(1, Math.ceil((Date.parse(oldest.created_at) + HOUR_MS - now) / 1000))
        : 60;
      throw new ProblemError(
        429,
        ErrorCode.RateLimited,
        `New accounts may post ${perHour} comments an hour here.`,
        undefined,
        { 'Retry-After': String(retry) },
      );
    }
  }
  return {
    accountAgeHours,
    recentTexts: recent.slice(0, 5).map((r) => r.comment_text),
    rejectedCount: Number(rejected.n),
  };
}

export function createCommentScreen(
  db: Db,
  model: SpamModel,
  external: ExternalClassifier | null,
  effects: ScreenEffects,
): CommentScreen {
  return {
    async screen(site, viewer, text, mode) {
      if (viewer.moderator) return PASS;
      const ban = await activeBan(db, site.id, viewer.id);
      assertNotBanned(ban);
      if (ban?.kind === 'shadow_ban') {
        // Nothing is queued: moderators already decided about this author.
        return { ...PASS, publishable: false, shadowed: true };
      }
      const author = await authorContext(db, site, viewer, mode);
      const learned = await learnedFor(db, site.id, features(text));
      const verdict = await runPipeline(site.settings, text, author, model, learned, external);
      let queued: ItemRow | null = null;
      let hidden: number | null = null;

      return {
        publishable: verdict.action === 'approve',
        shadowed: false,
        async recordCreate(tx, c) {
          if (verdict.action === 'approve' && !c.heldByPreModeration) return;
          const reasons = [
            ...(c.heldByPreModeration ? ['pre_moderation'] : []),
            ...(verdict.action !== 'approve' ? ['pipeline'] : []),
          ];
          queued = await enqueue(tx, {
            siteId: site.id,
            commentId: c.id,
            contentRef: c.contentRef,
            userId: viewer.id,
            priority: priorityFor(verdict, site),
            reasons,
            verdict,
          });
        },
        async recordEdit(tx, before) {
          if (before.is_shadowed === 1) return;
          if (verdict.action === 'approve' && before.is_approved === 1) return;
          if (verdict.action !== 'approve' && before.is_approved === 1) {
            await setApproved(tx, before, false);
            hidden = Number(before.id);
          }
          queued = await enqueue(tx, {
            siteId: site.id,
            commentId: Number(before.id),
            contentRef: Number(before.content_ref),
            userId: before.user_id,
            priority: priorityFor(verdict, site),
            reasons: verdict.action === 'approve' ? ['edit'] : ['edit', 'pipeline'],
            verdict,
          });
        },
        async afterCommit() {
          if (hidden !== null) await effects.hidden(site.id, hidden, 'edit');
          if (queued) await effects.queued(site.id, queued);
        },
      };
    },
  };
}
