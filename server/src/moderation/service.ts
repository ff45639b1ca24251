import {
  type AuditEntry,
  type Ban,
  type BulkModerationResult,
  ErrorCode,
  type ModerationItem,
  type ModerationQueue,
  type ModerationVerdict,
  type Report,
} from '@sharestack/protocol';
import type {
  AuditQuery,
  BanBody,
  BanListQuery,
  BulkModerationBody,
  CheckBody,
  ModerationQueueQuery,
} from '@sharestack/protocol/schemas';
import type { z } from 'zod';
import { getComment } from '../comments/queries.js';
import { decorate, toComment } from '../comments/serialize.js';
import type { Events } from '../events.js';
import type { Principal } from '../http/env.js';
import { forbidden, notFound, ProblemError } from '../http/problem.js';
import { nowIso } from '../ids.js';
import type { SiteRecord } from '../sites/service.js';
import type { Store } from '../store/database.js';
import { transaction } from '../store/db.js';
import { type ActionInput, type ActionOutcome, applyAction, lockedItem } from './actions.js';
import { audit, toAuditEntry } from './audit.js';
import { activeBan, assertNotBanned, putBan, toBan } from './bans.js';
import type { SpamModel } from './classifier/naive-bayes.js';
import { decodeKeys, encodeKeys } from './cursor.js';
import { type ItemRow, presentItems } from './items.js';
import { type ExternalClassifier, httpClassifier } from './pipeline.js';
import { claimItem, listQueue, nextItem, readItem, releaseItem } from './queue.js';
import { fileReport, type ReportInput } from './reports.js';
import { type CommentScreen, createCommentScreen } from './screen.js';

export interface ModerationOptions {
  model: SpamModel;
  /** The external classifier hook; sites turn it on by setting a URL. */
  external?: ExternalClassifier | null;
}

const requireModerator = (viewer: Principal) => {
  if (!viewer.moderator) throw forbidden(ErrorCode.Forbidden, 'Only moderators can do this.');
};

export function createModerationService({ db, kind }: Store, events: Events, opts: ModerationOptions) {
  async function present(siteId: string, rows: ItemRow[]): Promise<ModerationItem[]> {
    return presentItems(db, siteId, rows);
  }

  async function announceQueued(siteId: string, row: ItemRow) {
    const [item] = await present(siteId, [row]);
    if (item) events.emit('moderation.queued', { siteId, item });
  }

  /**
   * A comment only its author and moderators may see now: readers who had it drop it (when it
   * was visible: `hiddenFor` says why), then its author and moderators get it as they see it
   * now, held or rejected, in place of what they had.
   */
  async function announceWithheld(siteId: string, commentId: number, hiddenFor: string | null) {
    const row = await getComment(db, siteId, commentId);
    if (!row) return;
    const c = await db
      .selectFrom('contents')
      .select('key')
      .where('id', '=', row.content_ref)
      .executeTakeFirstOrThrow();
    if (hiddenFor !== null) {
      events.emit('comment.hidden', { siteId, contentKey: c.key, id: String(commentId), reason: hiddenFor });
    }
    const d = await decorate(db, siteId, null, [row]);
    events.emit('comment.moderated', { siteId, contentKey: c.key, comment: toComment(row, c.key, d) });
  }

  /** A comment that just became visible to everyone, as everyone now sees it. */
  async function announceApproved(siteId: string, contentKey: string, commentId: number) {
    const row = await getComment(db, siteId, commentId);
    if (!row) return;
    const d = await decorate(db, siteId, null, [row]);
    events.emit('comment.approved', { siteId, contentKey, comment: toComment(row, contentKey, d) });
  }

  const screen: CommentScreen = createCommentScreen(db, opts.model, opts.external ?? httpClassifier);

  async function afterAction(site: SiteRecord, out: ActionOutcome): Promise<ModerationItem> {
    if (out.approved) await announceApproved(site.id, out.contentKey, out.commentId);
    if (out.hidden || out.withheld) {
      const reason = out.hidden ? (out.item.resolution ?? 'moderation') : null;
      await announceWithheld(site.id, out.commentId, reason);
    }
    if (out.deleted) {
      events.emit('comment.deleted', {
        siteId: site.id,
        contentKey: out.contentKey,
        id: String(out.commentId),
        outcome: out.deleted,
        comment: null,
        wasApproved: out.wasVisible,
        authorId: out.authorId,
      });
    }
    const [item] = await present(site.id, [out.item]);
    events.emit('moderation.resolved', { siteId: site.id, item: item! });
    return item!;
  }

  async function act(
    site: SiteRecord,
    mod: Principal,
    rawId: string,
    input: ActionInput,
  ): Promise<ModerationItem> {
    const out = await transaction(db, async (tx) => {
      const item = await lockedItem(tx, kind, site, mod, rawId);
      return applyAction(tx, kind, site, mod, item, input);
    });
    return afterAction(site, out);
  }

  return {
    /** The hook the comments service runs on every create and edit. */
    comments: screen,

    /**
     * Refuses writes from banned users (used by the write guard on reactions, follows…). Comment
     * writes need not ask: their screen reads the ban with the author's other facts, in one query.
     */
    async assertCanWrite(site: SiteRecord, viewer: Principal): Promise<void> {
      if (viewer.moderator) return;
      assertNotBanned(await activeBan(db, site.id, viewer.id));
    },

    /** A dry run of the pipeline, for moderators tuning their site's settings. */
    async check(
      site: SiteRecord,
      viewer: Principal,
      input: z.output<typeof CheckBody>,
    ): Promise<ModerationVerdict> {
      requireModerator(viewer);
      return screen.verdict(site, input.comment_text, input.user_id ?? null);
    },

    async queue(
      site: SiteRecord,
      viewer: Principal,
      q: z.output<typeof ModerationQueueQuery>,
    ): Promise<ModerationQueue> {
      requireModerator(viewer);
      return listQueue(db, site.id, q);
    },

    async item(site: SiteRecord, viewer: Principal, rawId: string): Promise<ModerationItem> {
      requireModerator(viewer);
      return readItem(db, site.id, rawId);
    },

    /** Takes an item for 30 minutes; nobody else can act on it meanwhile. */
    async claim(site: SiteRecord, viewer: Principal, rawId: string): Promise<ModerationItem> {
      requireModerator(viewer);
      return claimItem(db, site.id, viewer.id, rawId);
    },

    /** The seed's get_next_moderation_item: the most pressing unclaimed item, claimed for the caller. */
    async next(site: SiteRecord, viewer: Principal): Promise<ModerationItem | null> {
      requireModerator(viewer);
      return nextItem(db, site.id, viewer.id);
    },

    async release(site: SiteRecord, viewer: Principal, rawId: string): Promise<ModerationItem> {
      requireModerator(viewer);
      await releaseItem(db, site.id, viewer.id, rawId);
      return this.item(site, viewer, rawId);
    },

    async act(
      site: SiteRecord,
      viewer: Principal,
      rawId: string,
      input: ActionInput,
    ): Promise<ModerationItem> {
      requireModerator(viewer);
      return act(site, viewer, rawId, input);
    },

    /** Bulk actions: each item on its own, so one conflict does not undo the rest. */
    async bulk(
      site: SiteRecord,
      viewer: Principal,
      input: z.output<typeof BulkModerationBody>,
    ): Promise<BulkModerationResult> {
      requireModerator(viewer);
      const items: ModerationItem[] = [];
      const failed: BulkModerationResult['failed'] = [];
      const { item_ids, ...action } = input;
      for (const id of [...new Set(item_ids)]) {
        try {
          items.push(await act(site, viewer, id, action));
        } catch (err) {
          if (!(err instanceof ProblemError)) throw err;
          failed.push({ id, code: err.code });
        }
      }
      return { items, failed };
    },

    async report(site: SiteRecord, viewer: Principal, input: ReportInput): Promise<Report> {
      const out = await transaction(db, (tx) => fileReport(tx, kind, site, viewer, input));
      if (out.hidden) await announceWithheld(site.id, Number(out.item.comment_id), 'reports');
      await announceQueued(site.id, out.item);
      return out.report;
    },

    async bans(site: SiteRecord, viewer: Principal, q: z.output<typeof BanListQuery>) {
      requireModerator(viewer);
      let qb = db
        .selectFrom('moderation_bans')
        .selectAll()
        .where('site_id', '=', site.id)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', nowIso())]));
      if (q.cursor) {
        // Bans made in the same millisecond follow one another by user id.
        const [ms, user] = decodeKeys(q.cursor, ['time', 'text']);
        const at = new Date(ms).toISOString();
        qb = qb.where((eb) =>
          eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('user_id', '>', user)])]),
        );
      }
      const rows = await qb
        .orderBy('created_at', 'desc')
        .orderBy('user_id')
        .limit(q.limit + 1)
        .execute();
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        items: page.map(toBan),
        next_cursor:
          rows.length > q.limit && last ? encodeKeys([Date.parse(last.created_at), last.user_id]) : null,
      };
    },

    async ban(site: SiteRecord, viewer: Principal, input: z.output<typeof BanBody>): Promise<Ban> {
      requireModerator(viewer);
      return transaction(db, async (tx) => {
        const ban = await putBan(tx, site.id, {
          user_id: input.user_id,
          kind: input.kind,
          reason: input.reason ?? null,
          created_by: viewer.id,
          duration_seconds: input.duration_seconds,
        });
        await audit(tx, site.id, {
          moderatorId: viewer.id,
          action: input.kind,
          targetType: 'user',
          targetId: input.user_id,
          reason: input.reason,
          details: { expires_at: ban.expires_at },
        });
        return ban;
      });
    },

    async unban(site: SiteRecord, viewer: Principal, userId: string): Promise<void> {
      requireModerator(viewer);
      await transaction(db, async (tx) => {
        const res = await tx
          .deleteFrom('moderation_bans')
          .where('site_id', '=', site.id)
          .where('user_id', '=', userId)
          .executeTakeFirst();
        if (Number(res.numDeletedRows) === 0) throw notFound(ErrorCode.NotFound, 'That user is not banned.');
        await audit(tx, site.id, {
          moderatorId: viewer.id,
          action: 'unban',
          targetType: 'user',
          targetId: userId,
        });
      });
    },

    async log(site: SiteRecord, viewer: Principal, q: z.output<typeof AuditQuery>) {
      requireModerator(viewer);
      let qb = db.selectFrom('moderation_log').selectAll().where('site_id', '=', site.id);
      if (q.moderator_id) qb = qb.where('moderator_id', '=', q.moderator_id);
      if (q.target_id) qb = qb.where('target_id', '=', q.target_id);
      if (q.cursor) {
        const [before] = decodeKeys(q.cursor, ['id']);
        qb = qb.where('id', '<', before);
      }
      const rows = await qb
        .orderBy('id', 'desc')
        .limit(q.limit + 1)
        .execute();
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      const items: AuditEntry[] = page.map(toAuditEntry);
      return { items, next_cursor: rows.length > q.limit && last ? encodeKeys([Number(last.id)]) : null };
    },
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;
