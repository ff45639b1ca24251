import { type Comment, type DeleteCommentResult, ErrorCode } from '@sharestack/protocol';
import type { CreateCommentBody, UpdateCommentBody } from '@sharestack/protocol/schemas';
import type { z } from 'zod';
import { upsertUser } from '../auth/users.js';
import type { Events } from '../events.js';
import type { Principal } from '../http/env.js';
import { forbidden, notFound, ProblemError, unprocessable } from '../http/problem.js';
import { nowIso, parseId } from '../ids.js';
import type { CommentScreen } from '../moderation/screen.js';
import type { SiteRecord } from '../sites/service.js';
import { assertMayReply, withoutBlockerMentions } from '../social/comment-filter.js';
import type { Store } from '../store/database.js';
import { type Db, lockForUpdate } from '../store/db.js';
import { prepared } from '../store/prepared.js';
import type { CommentRow } from '../store/schema.js';
import { ensureContent } from './contents.js';
import { insertComment } from './insert.js';
import { canSee, type ListQuery } from './list.js';
import { type AuthoredRow, getComment, mentionsOf, moderationStatuses, type Visibility } from './queries.js';
import { scores } from './ranking.js';
import { readThread } from './read.js';
import { removeComment } from './removal.js';
import { renderComment } from './render.js';
import { decorate, toComment, withheld } from './serialize.js';
import { createThreadCache, type ThreadCache, type ThreadPage } from './thread-cache.js';

type CreateInput = z.output<typeof CreateCommentBody>;
type UpdateInput = z.output<typeof UpdateCommentBody>;

const countComment = prepared((db, p: { id: number }) =>
  db
    .updateTable('contents')
    .set((eb) => ({ comment_count: eb('comment_count', '+', 1) }))
    .where('id', '=', p.id),
);

export const visibilityOf = (viewer: Principal | null): Visibility => ({
  viewerId: viewer?.id ?? null,
  moderator: viewer?.moderator ?? false,
});

/** A shadowed comment looks approved to its author; events, which reach others, must say it is not. */
const hiddenFromOthers = (c: Comment): Comment => ({ ...c, is_approved: false });

const gone = () => new ProblemError(410, ErrorCode.CommentDeleted, 'That comment has been deleted.');
const missing = () => notFound(ErrorCode.CommentNotFound, 'There is no such comment.');

function checkLength(site: SiteRecord, text: string) {
  const max = site.settings.comment_max_length;
  if (text.length > max) {
    throw unprocessable(ErrorCode.ValidationFailed, `Comments on this site are at most ${max} characters.`, [
      { path: 'comment_text', message: `at most ${max} characters` },
    ]);
  }
}

export function createCommentsService(
  { db, kind }: Store,
  events: Events,
  threadCache: ThreadCache = createThreadCache(),
  /** Moderation's pipeline, run on every create and edit (none: everything is approved). */
  screen: CommentScreen | null = null,
) {
  /** A comment as `viewer` sees it; reads inside the caller's transaction when given one. */
  async function present(tx: Db, site: SiteRecord, viewer: Principal | null, id: number): Promise<Comment> {
    const row = await getComment(tx, site.id, id);
    if (!row) throw missing();
    const content = await tx
      .selectFrom('contents')
      .select('key')
      .where('id', '=', row.content_ref)
      .executeTakeFirstOrThrow();
    const d = await decorate(tx, site.id, viewer?.id ?? null, [row]);
    return toComment(row, content.key, d);
  }

  /**
   * A comment this transaction just wrote, from what it wrote: nobody can have reacted to it
   * yet, its content is known and its author is the row the upsert returned. Only mentions
   * are read back (for their stored order).
   */
  async function presentNew(tx: Db, row: AuthoredRow, contentKey: string, mentioned: boolean) {
    const id = Number(row.id);
    const mentions = mentioned ? await mentionsOf(tx, [id]) : new Map<number, string[]>();
    return toComment(row, contentKey, { reactions: new Map(), mine: new Map(), mentions });
  }

  async function isApproved(tx: Db, site: SiteRecord, viewer: Principal): Promise<boolean> {
    const { pre_moderation, pre_moderation_count } = site.settings;
    if (viewer.moderator || pre_moderation === 'none') return true;
    if (pre_moderation === 'all') return false;
    const row = await tx
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('site_id', '=', site.id)
      .where('user_id', '=', viewer.id)
      .where('is_approved', '=', 1)
      .executeTakeFirstOrThrow();
    return Number(row.n) >= pre_moderation_count;
  }

  async function lockedParent(tx: Db, site: SiteRecord, viewer: Principal, contentRef: number, raw: string) {
    const id = parseId(raw);
    const parent =
      id === null
        ? undefined
        : await lockForUpdate(
            kind,
            tx.selectFrom('comments').selectAll().where('site_id', '=', site.id).where('id', '=', id),
          ).executeTakeFirst();
    if (!parent || Number(parent.content_ref) !== contentRef || !canSee(parent, visibilityOf(viewer))) {
      throw unprocessable(ErrorCode.ParentNotFound, 'The parent comment does not exist on this content.', [
        { path: 'parent_comment_id', message: 'no such comment on this content' },
      ]);
    }
    if (parent.is_deleted === 1) throw gone();
    // Only its author and moderators see an unpublished comment. A moderator's reply would hang,
    // visible to everyone, under nothing; its author may go on (their replies are screened as
    // theirs), until a moderator rejects it: then it is closed for good.
    if (withheld(parent)) {
      const status = (await moderationStatuses(tx, site.id, [id!])).get(id!);
      if (parent.user_id !== viewer.id || status === 'rejected') {
        throw new ProblemError(409, ErrorCode.Conflict, 'Replies open once the comment is published.');
      }
    }
    if (Number(parent.depth) + 1 > site.settings.max_depth) {
      throw unprocessable(
        ErrorCode.MaxDepthExceeded,
        `Replies nest at most ${site.settings.max_depth} levels deep here.`,
      );
    }
    return parent;
  }

  return {
    /** The thread page, serialised (cached for anonymous readers; see thread-cache.ts). */
    listPage(
      site: SiteRecord,
      viewer: Principal | null,
      contentKey: string,
      q: ListQuery,
    ): Promise<ThreadPage> {
      return readThread(db, threadCache, site.id, contentKey, visibilityOf(viewer), q);
    },

    async create(site: SiteRecord, viewer: Principal, input: CreateInput): Promise<Comment> {
      checkLength(site, input.comment_text);
      const rendered = renderComment(input.comment_text);
      const { html } = rendered;
      const screening = await screen?.screen(site, viewer, input.comment_text, 'create');
      const comment = await events.transaction(db, async (tx, record) => {
        const author = await upsertUser(tx, site.id, viewer);
        const content = await ensureContent(tx, site, input.content_id, {
          url: input.content_url,
          title: input.content_title,
        });
        const contentRef = Number(content.id);
        const parent = input.parent_comment_id
          ? await lockedParent(tx, site, viewer, contentRef, input.parent_comment_id)
          : null;
        if (parent) await assertMayReply(tx, site.id, viewer.id, parent.user_id);
        const mentions = await withoutBlockerMentions(tx, site.id, viewer.id, rendered.mentions);
        const preModerationOk = await isApproved(tx, site, viewer);
        const approved = preModerationOk && (screening?.publishable ?? true);
        const now = nowIso();
        const values = {
          site_id: site.id,
          content_ref: contentRef,
          user_id: viewer.id,
          parent_comment_id: parent ? Number(parent.id) : null,
          root_comment_id: parent ? Number(parent.root_comment_id ?? parent.id) : null,
          depth: parent ? Number(parent.depth) + 1 : 0,
          comment_text: input.comment_text,
          html,
          is_approved: approved ? 1 : 0,
          is_deleted: 0,
          like_count: 0,
          reply_count: 0,
          ups: 0,
          downs: 0,
          ...scores(0, 0, now),
          created_at: now,
          updated_at: now,
          edited_at: null,
          is_shadowed: screening?.shadowed ? 1 : 0,
        } satisfies Omit<CommentRow, 'id' | 'path'>;
        const { id, path } = await insertComment(tx, kind, { ...values, parent_path: parent?.path ?? '/' });
        if (mentions.length > 0) {
          await tx
            .insertInto('comment_mentions')
            .values(mentions.map((handle) => ({ site_id: site.id, comment_id: id, handle })))
            .execute();
        }
        await screening?.recordCreate(tx, { id, contentRef, heldByPreModeration: !preModerationOk });
        if (approved) {
          if (parent) {
            await tx
              .updateTable('comments')
              .set((eb) => ({ reply_count: eb('reply_count', '+', 1) }))
              .where('id', '=', Number(parent.id))
              .execute();
          }
          await countComment(tx, { id: contentRef });
        }
        const row: AuthoredRow = {
          ...values,
          id,
          path,
          author_name: author.name,
          author_avatar: author.avatar_url,
          author_is_guest: author.is_guest,
        };
        const comment = await presentNew(tx, row, content.key, mentions.length > 0);
        // A shadow-banned author's comment is announced as held: nobody else may see it.
        await record('comment.created', {
          siteId: site.id,
          contentKey: comment.content_id,
          comment: screening?.shadowed ? hiddenFromOthers(comment) : comment,
          contentAuthorId: content.author_id,
          contentMeta: { title: content.title, url: content.url },
        });
        await screening?.announce(tx, record, comment);
        return comment;
      });
      return comment;
    },

    async edit(site: SiteRecord, viewer: Principal, rawId: string, input: UpdateInput): Promise<Comment> {
      checkLength(site, input.comment_text);
      const id = parseId(rawId);
      if (id === null) throw missing();
      const rendered = renderComment(input.comment_text);
      const { html } = rendered;
      const screening = await screen?.screen(site, viewer, input.comment_text, 'edit');
      const comment = await events.transaction(db, async (tx, record) => {
        await upsertUser(tx, site.id, viewer);
        const row = await lockedComment(tx, site, viewer, id);
        const mentions = await withoutBlockerMentions(tx, site.id, viewer.id, rendered.mentions);
        if (row.user_id !== viewer.id)
          throw forbidden(ErrorCode.Forbidden, 'Only the author can edit a comment.');
        const windowMs = site.settings.edit_window_seconds * 1000;
        if (Date.now() - Date.parse(row.created_at) > windowMs) {
          throw forbidden(
            ErrorCode.EditWindowClosed,
            `Comments can be edited for ${site.settings.edit_window_seconds} s.`,
          );
        }
        const now = nowIso();
        await tx
          .updateTable('comments')
          .set({ comment_text: input.comment_text, html, edited_at: now, updated_at: now })
          .where('id', '=', id)
          .execute();
        await tx.deleteFrom('comment_mentions').where('comment_id', '=', id).execute();
        if (mentions.length > 0) {
          await tx
            .insertInto('comment_mentions')
            .values(mentions.map((handle) => ({ site_id: site.id, comment_id: id, handle })))
            .execute();
        }
        await screening?.recordEdit(tx, row);
        const comment = await present(tx, site, viewer, id);
        await record('comment.updated', {
          siteId: site.id,
          contentKey: comment.content_id,
          comment: row.is_shadowed === 1 ? hiddenFromOthers(comment) : comment,
        });
        await screening?.announce(tx, record, comment);
        return comment;
      });
      return comment;
    },

    async remove(site: SiteRecord, viewer: Principal, rawId: string): Promise<DeleteCommentResult> {
      const id = parseId(rawId);
      if (id === null) throw missing();
      return events.transaction(db, async (tx, record) => {
        const row = await lockedComment(tx, site, viewer, id);
        if (row.user_id !== viewer.id && !viewer.moderator) {
          throw forbidden(ErrorCode.Forbidden, 'Only the author or a moderator can delete a comment.');
        }
        const content = await tx
          .selectFrom('contents')
          .select('key')
          .where('id', '=', row.content_ref)
          .executeTakeFirstOrThrow();
        const outcome = await removeComment(tx, kind, row);
        const comment = outcome === 'tombstone' ? await present(tx, site, viewer, id) : null;
        await record('comment.deleted', {
          siteId: site.id,
          contentKey: content.key,
          id: String(id),
          outcome,
          comment,
          wasApproved: row.is_approved === 1 && row.is_shadowed !== 1,
          authorId: row.user_id,
        });
        return { id: String(id), outcome, comment };
      });
    },
  };

  async function lockedComment(tx: Db, site: SiteRecord, viewer: Principal, id: number): Promise<CommentRow> {
    const row = await lockForUpdate(
      kind,
      tx.selectFrom('comments').selectAll().where('site_id', '=', site.id).where('id', '=', id),
    ).executeTakeFirst();
    if (!row || !canSee(row, visibilityOf(viewer))) throw missing();
    if (row.is_deleted === 1) throw gone();
    return row;
  }
}

export type CommentsService = ReturnType<typeof createCommentsService>;
