import {
  type Comment,
  type CommentDeletedData,
  type NewCommentData,
  type ReactionUpdateData,
  RealtimeEvent,
  Topic,
} from '@sharestack/protocol';
import type { DomainEventName, DomainEvents } from '../events.js';
import type { EventDraft } from './journal.js';

const MODERATION_TOPIC = 'moderation:site';

/** What every reader may see of a comment: the author's own reaction is theirs alone. */
const shared = (comment: Comment): Comment => ({ ...comment, my_reaction: null, replies: [] });

/**
 * The socket events a domain event becomes. Held comments (and reactions on them) are not
 * broadcast: only their author and moderators may see them, and only `comment_moderated`
 * tells them about one (the hub delivers it to them alone).
 */
export function draftsFor<K extends DomainEventName>(name: K, payload: DomainEvents[K]): EventDraft[] {
  switch (name) {
    case 'comment.created': {
      const p = payload as DomainEvents['comment.created'];
      if (!p.comment.is_approved) return [];
      const data: NewCommentData = { comment: shared(p.comment) };
      return [
        {
          topic: Topic.comments(p.contentKey),
          event: RealtimeEvent.NewComment,
          data,
          actor: p.comment.user_id,
        },
      ];
    }
    case 'comment.updated': {
      const p = payload as DomainEvents['comment.updated'];
      if (!p.comment.is_approved) return [];
      const data: NewCommentData = { comment: shared(p.comment) };
      return [
        {
          topic: Topic.comments(p.contentKey),
          event: RealtimeEvent.CommentUpdated,
          data,
          actor: p.comment.user_id,
        },
      ];
    }
    case 'comment.deleted': {
      const p = payload as DomainEvents['comment.deleted'];
      if (!p.wasApproved) return [];
      const data: CommentDeletedData = {
        id: p.id,
        outcome: p.outcome,
        comment: p.comment ? shared(p.comment) : null,
      };
      return [
        { topic: Topic.comments(p.contentKey), event: RealtimeEvent.CommentDeleted, data, actor: p.authorId },
      ];
    }
    case 'reaction.changed': {
      const p = payload as DomainEvents['reaction.changed'];
      if (!p.public || p.contentKey === null) return [];
      const data: ReactionUpdateData = {
        target_type: p.summary.target_type,
        target_id: p.summary.target_id,
        counts: p.summary.counts,
        total: p.summary.total,
        user_id: p.userId,
        reaction_type: p.summary.my_reaction,
      };
      return [
        { topic: Topic.comments(p.contentKey), event: RealtimeEvent.ReactionUpdate, data, actor: p.userId },
      ];
    }
    // Activity topics carry public and followers-only activities, never private ones; the hub
    // asks, as each one is delivered, which subscribers may see it (server.ts, activity/live.ts),
    // and hands it on to the personal feeds (`feed:user:{id}`) of those who follow its author.
    case 'activity.created': {
      const p = payload as DomainEvents['activity.created'];
      if (p.activity.visibility === 'private') return [];
      return [
        {
          topic: Topic.activity(p.audience.authorId),
          event: RealtimeEvent.Activity,
          data: { activity: p.activity },
          actor: p.audience.authorId,
        },
      ];
    }
    case 'creator.updated': {
      const p = payload as DomainEvents['creator.updated'];
      if (p.activity.visibility === 'private') return [];
      return [
        {
          topic: Topic.activity(p.creator.id),
          event: RealtimeEvent.CreatorUpdate,
          data: { creator: p.creator, content: p.content, activity: p.activity },
          actor: p.creator.id,
        },
      ];
    }
    case 'follow.created':
    case 'follow.deleted': {
      const p = payload as DomainEvents['follow.deleted'];
      // The count only: who followed is for the followed user's notifications, not the topic.
      return [
        {
          topic: Topic.activity(p.followingId),
          event: RealtimeEvent.FollowerCount,
          data: { user_id: p.followingId, follower_count: p.followerCount },
          actor: null,
        },
      ];
    }
    case 'comment.approved': {
      const p = payload as DomainEvents['comment.approved'];
      const data: NewCommentData = { comment: shared(p.comment) };
      return [
        {
          topic: Topic.comments(p.contentKey),
          event: RealtimeEvent.NewComment,
          data,
          actor: p.comment.user_id,
        },
      ];
    }
    case 'comment.hidden': {
      const p = payload as DomainEvents['comment.hidden'];
      const data: CommentDeletedData = { id: p.id, outcome: 'removed', comment: null };
      return [
        { topic: Topic.comments(p.contentKey), event: RealtimeEvent.CommentDeleted, data, actor: null },
      ];
    }
    case 'comment.moderated': {
      // For the comment's author and moderators only: the hub sends it to nobody else (policy.ts).
      const p = payload as DomainEvents['comment.moderated'];
      const data: NewCommentData = { comment: shared(p.comment) };
      return [
        {
          topic: Topic.comments(p.contentKey),
          event: RealtimeEvent.CommentModerated,
          data,
          actor: p.comment.user_id,
        },
      ];
    }
    case 'moderation.queued':
    case 'moderation.resolved': {
      const p = payload as DomainEvents['moderation.queued'];
      const event =
        name === 'moderation.queued' ? RealtimeEvent.ModerationQueued : RealtimeEvent.ModerationResolved;
      return [{ topic: MODERATION_TOPIC, event, data: { item: p.item }, actor: null }];
    }
    // Share counts are public (GET /api/social/shares/{content_id}); who shared is not said.
    case 'share.recorded': {
      const p = payload as DomainEvents['share.recorded'];
      return [
        {
          topic: Topic.comments(p.summary.content_id),
          event: RealtimeEvent.ShareCount,
          data: p.summary,
          actor: null,
        },
      ];
    }
    case 'notifications.published': {
      const p = payload as DomainEvents['notifications.published'];
      return p.events.map((e) => ({ ...e, actor: null }));
    }
    default:
      return [];
  }
}

/** Domain events that are journaled just after their own commit (their services emit them then). */
export const AFTER_COMMIT: readonly DomainEventName[] = [
  'comment.deleted',
  'comment.approved',
  'comment.hidden',
  'comment.moderated',
  'moderation.queued',
  'moderation.resolved',
  'activity.created',
  'creator.updated',
  'follow.created',
  'follow.deleted',
  'share.recorded',
];
