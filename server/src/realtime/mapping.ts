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

/** What every reader may see of a comment: the author's own reaction is theirs alone. */
const shared = (comment: Comment): Comment => ({ ...comment, my_reaction: null, replies: [] });

/**
 * The socket events a domain event becomes. Held comments (and reactions on them) are not
 * broadcast: only their author and moderators may see them.
 */
export function draftsFor<K extends DomainEventName>(name: K, payload: DomainEvents[K]): EventDraft[] {
  switch (name) {
    case 'comment.created': {
      const p = payload as DomainEvents['comment.created'];
      if (!p.comment.is_approved) return [];
      const data: NewCommentData = { comment: shared(p.comment) };
      return [{ topic: Topic.comments(p.contentKey), event: RealtimeEvent.NewComment, data }];
    }
    case 'comment.updated': {
      const p = payload as DomainEvents['comment.updated'];
      if (!p.comment.is_approved) return [];
      const data: NewCommentData = { comment: shared(p.comment) };
      return [{ topic: Topic.comments(p.contentKey), event: RealtimeEvent.CommentUpdated, data }];
    }
    case 'comment.deleted': {
      const p = payload as DomainEvents['comment.deleted'];
      if (!p.wasApproved) return [];
      const data: CommentDeletedData = {
        id: p.id,
        outcome: p.outcome,
        comment: p.comment ? shared(p.comment) : null,
      };
      return [{ topic: Topic.comments(p.contentKey), event: RealtimeEvent.CommentDeleted, data }];
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
      return [{ topic: Topic.comments(p.contentKey), event: RealtimeEvent.ReactionUpdate, data }];
    }
    default:
      return [];
  }
}
