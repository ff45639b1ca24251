import { ErrorCode, type ReactionSummary, type TargetType } from '@sharestack/protocol';
import { ReactionTarget } from '@sharestack/protocol/schemas';
import { upsertUser } from '../auth/users.js';
import { ensureContent, findContent } from '../comments/contents.js';
import { canSee } from '../comments/list.js';
import { myReactions, reactionCounts } from '../comments/queries.js';
import { visibilityOf } from '../comments/service.js';
import type { DomainEvents, Events } from '../events.js';
import type { Principal } from '../http/env.js';
import { notFound, ProblemError, unprocessable } from '../http/problem.js';
import { validationProblem } from '../http/router.js';
import { nowIso, parseId } from '../ids.js';
import type { SiteRecord } from '../sites/service.js';
import type { Store } from '../store/database.js';
import { type Db, lockForUpdate } from '../store/db.js';
import { applyDeltas, type Deltas } from './counts.js';

export interface TargetRef {
  target_type: TargetType;
  target_id: string;
}

/** A target resolved to its internal id; `contentKey` says which thread it belongs to. */
interface Resolved {
  type: TargetType;
  wireId: string;
  internalId: number | null;
  contentKey: string | null;
  deleted: boolean;
  /** Whether every reader may see the target (a held comment is not public). */
  public: boolean;
}

export function createReactionsService({ db, kind }: Store, events: Events) {
  function checkRef(ref: TargetRef): TargetRef {
    const parsed = ReactionTarget.safeParse(ref);
    if (!parsed.success) throw validationProblem(parsed.error, 'target');
    return parsed.data;
  }

  /** Finds (and, for writes, locks) the target. Content appears on its first reaction. */
  async function resolve(
    tx: Db,
    site: SiteRecord,
    viewer: Principal | null,
    ref: TargetRef,
    write: boolean,
  ): Promise<Resolved> {
    const { target_type, target_id } = checkRef(ref);
    if (target_type === 'content') {
      const content = write
        ? await ensureContent(tx, site, target_id)
        : await findContent(tx, site.id, target_id);
      if (content && write) {
        await lockForUpdate(
          kind,
          tx.selectFrom('contents').select('id').where('id', '=', content.id),
        ).execute();
      }
      return {
        type: target_type,
        wireId: target_id,
        internalId: content ? Number(content.id) : null,
        contentKey: target_id,
        deleted: false,
        public: true,
      };
    }
    const id = parseId(target_id);
    const row =
      id === null
        ? undefined
        : await lockForUpdate(
            kind,
            tx
              .selectFrom('comments as c')
              .innerJoin('contents as t', 't.id', 'c.content_ref')
              .select(['c.id', 'c.is_deleted', 'c.is_approved', 'c.user_id', 't.key'])
              .where('c.site_id', '=', site.id)
              .where('c.id', '=', id),
          ).executeTakeFirst();
    if (!row || !canSee(row, visibilityOf(viewer))) {
      throw notFound(ErrorCode.CommentNotFound, 'There is no such comment.');
    }
    return {
      type: 'comment',
      wireId: target_id,
      internalId: Number(row.id),
      contentKey: row.key,
      deleted: row.is_deleted === 1,
      public: row.is_approved === 1,
    };
  }

  async function summarise(
    tx: Db,
    site: SiteRecord,
    viewer: Principal | null,
    t: Resolved,
  ): Promise<ReactionSummary> {
    const empty = { target_type: t.type, target_id: t.wireId, counts: {}, total: 0, my_reaction: null };
    if (t.internalId === null) return empty;
    // The same bulk reads a thread page uses, for one target.
    const [byTarget, mine] = await Promise.all([
      reactionCounts(tx, site.id, t.type, [t.internalId]),
      myReactions(tx, site.id, viewer?.id ?? null, t.type, [t.internalId]),
    ]);
    const counts = byTarget.get(t.internalId) ?? {};
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    return { ...empty, counts, total, my_reaction: mine.get(t.internalId) ?? null };
  }

  return {
    async summary(site: SiteRecord, viewer: Principal | null, ref: TargetRef): Promise<ReactionSummary> {
      const t = await resolve(db, site, viewer, ref, false);
      return summarise(db, site, viewer, t);
    },

    /** One reaction per user and target: a new type replaces the old, the same type is a no-op. */
    async react(
      site: SiteRecord,
      viewer: Principal,
      ref: TargetRef,
      reactionType: string,
      anonymous = false,
    ): Promise<ReactionSummary> {
      if (!(site.settings.reaction_set as string[]).includes(reactionType)) {
        throw unprocessable(
          ErrorCode.ReactionNotAllowed,
          `This site allows: ${site.settings.reaction_set.join(', ')}.`,
          [{ path: 'reaction_type', message: 'not in the site reaction set' }],
        );
      }
      return events.transaction(db, async (tx, record) => {
        // Lock order everywhere: the user row first, then comment rows, then the content row.
        await upsertUser(tx, site.id, viewer);
        const t = await resolve(tx, site, viewer, ref, true);
        if (t.deleted)
          throw new ProblemError(410, ErrorCode.CommentDeleted, 'That comment has been deleted.');
        const targetId = t.internalId!;
        const inserted = await tx
          .insertInto('reactions')
          .values({
            site_id: site.id,
            user_id: viewer.id,
            target_type: t.type,
            target_id: targetId,
            reaction_type: reactionType,
            created_at: nowIso(),
            is_anonymous: anonymous ? 1 : 0,
          })
          .onConflict((oc) => oc.columns(['site_id', 'user_id', 'target_type', 'target_id']).doNothing())
          .returning('id')
          .executeTakeFirst();
        const deltas: Deltas = new Map();
        if (inserted) {
          deltas.set(reactionType, 1);
        } else {
          const existing = await tx
            .selectFrom('reactions')
            .select(['id', 'reaction_type', 'is_anonymous'])
            .where('site_id', '=', site.id)
            .where('user_id', '=', viewer.id)
            .where('target_type', '=', t.type)
            .where('target_id', '=', targetId)
            .executeTakeFirstOrThrow();
          if (existing.reaction_type !== reactionType || existing.is_anonymous !== (anonymous ? 1 : 0)) {
            await tx
              .updateTable('reactions')
              .set({ reaction_type: reactionType, created_at: nowIso(), is_anonymous: anonymous ? 1 : 0 })
              .where('id', '=', existing.id)
              .execute();
          }
          if (existing.reaction_type !== reactionType)
            deltas.set(existing.reaction_type, -1).set(reactionType, 1);
        }
        await applyDeltas(tx, site.id, t.type, targetId, deltas);
        const summary = await summarise(tx, site, viewer, t);
        if (deltas.size > 0)
          await record('reaction.changed', changedEvent(site, viewer, t, summary, anonymous));
        return summary;
      });
    },

    async unreact(site: SiteRecord, viewer: Principal, ref: TargetRef): Promise<ReactionSummary> {
      return events.transaction(db, async (tx, record) => {
        const t = await resolve(tx, site, viewer, ref, false);
        if (t.internalId === null) return summarise(tx, site, viewer, t);
        if (t.type === 'content') {
          await lockForUpdate(
            kind,
            tx.selectFrom('contents').select('id').where('id', '=', t.internalId),
          ).execute();
        }
        const removed = await tx
          .deleteFrom('reactions')
          .where('site_id', '=', site.id)
          .where('user_id', '=', viewer.id)
          .where('target_type', '=', t.type)
          .where('target_id', '=', t.internalId)
          .returning(['reaction_type', 'is_anonymous'])
          .executeTakeFirst();
        if (removed)
          await applyDeltas(tx, site.id, t.type, t.internalId, new Map([[removed.reaction_type, -1]]));
        const summary = await summarise(tx, site, viewer, t);
        if (removed)
          await record(
            'reaction.changed',
            changedEvent(site, viewer, t, summary, removed.is_anonymous === 1),
          );
        return summary;
      });
    },
  };
}

function changedEvent(
  site: SiteRecord,
  viewer: Principal,
  t: Resolved,
  summary: ReactionSummary,
  anonymous: boolean,
): DomainEvents['reaction.changed'] {
  return {
    siteId: site.id,
    contentKey: t.contentKey,
    summary,
    userId: viewer.id,
    public: t.public,
    anonymous,
  };
}

export type ReactionsService = ReturnType<typeof createReactionsService>;
