import {
  type Activity,
  type ActivityVisibility,
  type Comment,
  ErrorCode,
  type PrivacySettings,
  type ProfileVisibility,
  type PublishResult,
} from '@sharestack/protocol';
import type { PrivacyBody, PublishBody } from '@sharestack/protocol/schemas';
import type { z } from 'zod';
import { upsertUser } from '../auth/users.js';
import { ensureContent, findContent } from '../comments/contents.js';
import type { Events } from '../events.js';
import type { Principal } from '../http/env.js';
import { forbidden } from '../http/problem.js';
import type { SiteRecord } from '../sites/service.js';
import type { Paging } from '../social/cursor.js';
import { blocks, isFollowing, profileVisible } from '../social/relations.js';
import { audienceOf, type SocialOptions, toActor } from '../social/shared.js';
import type { Store } from '../store/database.js';
import { lockForUpdate, transaction } from '../store/db.js';
import type { FanoutQueue } from './fanout.js';
import { readFeed } from './feed.js';
import { createLiveAudience } from './live.js';
import { presentActivities, presentKnown } from './present.js';
import { readPrivacy, writeActivityPrivacy } from './privacy.js';
import { recordActivity, removeActivities, removeCommentActivity } from './record.js';
import { createActivityRecorder } from './recorder.js';
import { readTimeline } from './timeline.js';

export interface ActivityServiceDeps {
  /** Failures of activity recording that follows a committed comment or reaction. */
  onError?: (err: unknown) => void;
  fanout?: SocialOptions;
  /** The fan-out queue, so `settled` covers the inbox work follows left for after their commit. */
  queue?: FanoutQueue;
}

export function createActivityService(store: Store, events: Events, deps: ActivityServiceDeps = {}) {
  const { db, kind } = store;
  const fanout = deps.fanout ?? {};
  const { track, queueRecord, record, settled, isIdle } = createActivityRecorder({
    db,
    events,
    fanout,
    onError: deps.onError,
  });

  /** `liked` exists once per user and content while the user has any reaction on it or its comments. */
  async function syncLiked(siteId: string, userId: string, contentKey: string) {
    const content = await findContent(db, siteId, contentKey);
    if (!content) return;
    const contentRef = Number(content.id);
    const still = await db
      .selectFrom('reactions')
      .select('id')
      .where('site_id', '=', siteId)
      .where('user_id', '=', userId)
      .where((eb) =>
        eb.or([
          eb.and([eb('target_type', '=', 'content'), eb('target_id', '=', contentRef)]),
          eb.and([
            eb('target_type', '=', 'comment'),
            eb(
              'target_id',
              'in',
              eb.selectFrom('comments').select('id').where('content_ref', '=', contentRef),
            ),
          ]),
        ]),
      )
      .limit(1)
      .executeTakeFirst();
    const existing = await db
      .selectFrom('activities')
      .select('id')
      .where('site_id', '=', siteId)
      .where('target_type', '=', 'content')
      .where('target_id', '=', contentKey)
      .where('user_id', '=', userId)
      .where('activity_type', '=', 'liked')
      .executeTakeFirst();
    if (still && !existing) await record(siteId, userId, 'liked', contentKey);
    if (!still && existing) {
      await transaction(db, (tx) =>
        removeActivities(tx, siteId, userId, 'liked', { target_type: 'content', target_id: contentKey }),
      );
    }
  }

  // One `commented` activity per visible comment: held comments produce none until approved;
  // deleting or hiding a comment removes its activity from timelines and inboxes.
  const commented = ({ siteId, comment }: { siteId: string; comment: Comment }) => {
    if (!comment.is_approved) return;
    queueRecord({
      siteId,
      userId: comment.user_id,
      type: 'commented',
      contentKey: comment.content_id,
      commentId: Number(comment.id),
    });
  };
  // A comment visible at once gets its activity in its own transaction (one commit, not two)
  // when nothing is queued ahead of it; otherwise, and for a held comment's approval (announced
  // after its own commit), it is queued, so activities keep the order their writes committed in.
  const recordedWithComment = new WeakSet<object>();
  events.within('comment.created', async (tx, payload, record) => {
    recordedWithComment.delete(payload); // a retried transaction decides afresh
    const { siteId, comment, contentMeta } = payload;
    // (A new comment always shows its author; were it not to, the queued path reads the user.)
    if (!comment.is_approved || !comment.author || !isIdle()) return;
    const recorded = await recordActivity(
      tx,
      siteId,
      comment.user_id,
      'commented',
      { target_type: 'content', target_id: comment.content_id },
      { ...fanout, commentId: Number(comment.id) },
    );
    // The comment's write has just written its author's row and read its content: shown from those.
    const { id, name, avatar_url } = comment.author;
    const activity = presentKnown(
      recorded,
      { id, name, avatar_url },
      { target_type: 'content', target_id: comment.content_id, ...contentMeta },
    );
    await record('activity.created', { siteId, activity, audience: audienceOf(recorded) });
    recordedWithComment.add(payload);
  });
  events.on('comment.created', (payload) => {
    if (!recordedWithComment.has(payload)) commented(payload);
  });
  events.on('comment.approved', commented);
  const uncommented = ({ siteId, id }: { siteId: string; id: string }) =>
    track(async () => {
      await transaction(db, (tx) => removeCommentActivity(tx, siteId, Number(id)));
    });
  events.on('comment.deleted', uncommented);
  events.on('comment.hidden', uncommented);
  events.on('reaction.changed', ({ siteId, contentKey, userId }) => {
    if (contentKey) track(() => syncLiked(siteId, userId, contentKey));
  });

  return {
    /** Resolves when activity recording triggered by earlier writes has finished. */
    async settled(): Promise<void> {
      do {
        await settled();
        await deps.queue?.settled();
      } while (!isIdle());
    },

    /**
     * A creator publishes (or updates) content: the first publisher becomes its author, the
     * activity goes to followers as a `creator_update`.
     */
    async publish(
      site: SiteRecord,
      viewer: Principal,
      input: z.output<typeof PublishBody>,
    ): Promise<PublishResult> {
      // creator.updated is recorded with the publish itself: followers' notifications cannot be lost.
      const activity = await events.transaction(db, async (tx, record) => {
        await upsertUser(tx, site.id, viewer);
        const row = await ensureContent(tx, site, input.content_id, {
          url: input.content_url,
          title: input.content_title,
        });
        const locked = await lockForUpdate(
          kind,
          tx.selectFrom('contents').select(['id', 'author_id', 'title', 'url']).where('id', '=', row.id),
        ).executeTakeFirstOrThrow();
        if (locked.author_id !== null && locked.author_id !== viewer.id) {
          throw forbidden(ErrorCode.NotContentAuthor, 'Someone else published this content.');
        }
        const title = input.content_title ?? locked.title;
        const url = input.content_url ?? locked.url;
        await tx
          .updateTable('contents')
          .set({ author_id: viewer.id, title, url })
          .where('id', '=', locked.id)
          .execute();
        const recorded = await recordActivity(
          tx,
          site.id,
          viewer.id,
          'published',
          { target_type: 'content', target_id: input.content_id },
          fanout,
        );
        const [activity] = await presentActivities(tx, site.id, [recorded]);
        const audience = audienceOf(recorded);
        await record('activity.created', { siteId: site.id, activity: activity!, audience });
        await record('creator.updated', {
          siteId: site.id,
          creator: toActor(viewer),
          content: { content_id: input.content_id, title, url },
          activity: activity!,
          audience,
        });
        return activity!;
      });
      return { content_id: input.content_id, author_id: viewer.id, activity };
    },

    feed: (site: SiteRecord, viewer: Principal, paging: Paging) => readFeed(db, site.id, viewer.id, paging),

    timeline: (site: SiteRecord, viewer: Principal | null, userId: string, paging: Paging) =>
      readTimeline(db, site.id, viewer?.id ?? null, userId, paging),

    privacy: (site: SiteRecord, viewer: Principal): Promise<PrivacySettings> =>
      readPrivacy(db, site.id, viewer.id),

    async setPrivacy(
      site: SiteRecord,
      viewer: Principal,
      input: z.output<typeof PrivacyBody>,
    ): Promise<PrivacySettings> {
      return transaction(db, async (tx) => {
        await upsertUser(tx, site.id, viewer);
        if (input.activity_type && input.visibility) {
          await writeActivityPrivacy(
            tx,
            site.id,
            viewer.id,
            input.activity_type,
            input.visibility as ActivityVisibility,
          );
        }
        if (input.profile_visibility) {
          await tx
            .updateTable('users')
            .set({ profile_visibility: input.profile_visibility as ProfileVisibility })
            .where('site_id', '=', site.id)
            .where('id', '=', viewer.id)
            .execute();
        }
        return readPrivacy(tx, site.id, viewer.id);
      });
    },

    /** Who may receive activities live, checked as they are delivered (realtime/hub-delivery.ts). */
    liveAudience: createLiveAudience(db),

    /**
     * For live delivery on `activity:user:{authorId}`: may this viewer see the author's
     * activities, and which visibilities? Null when the profile is hidden from them.
     */
    async canSeeActivitiesOf(
      siteId: string,
      viewerId: string | null,
      authorId: string,
    ): Promise<ActivityVisibility[] | null> {
      const user = await db
        .selectFrom('users')
        .select(['id', 'profile_visibility'])
        .where('site_id', '=', siteId)
        .where('id', '=', authorId)
        .executeTakeFirst();
      if (!user) return null;
      const [viewerFollows, blockedByUser] = viewerId
        ? await Promise.all([
            isFollowing(db, siteId, viewerId, authorId),
            blocks(db, siteId, authorId, viewerId),
          ])
        : [false, false];
      if (!profileVisible(viewerId, user, { viewerFollows, blockedByUser })) return null;
      if (viewerId === authorId) return ['public', 'followers', 'private'];
      return viewerFollows ? ['public', 'followers'] : ['public'];
    },
  };
}

export type ActivityService = ReturnType<typeof createActivityService>;
export type { Activity };
