import { z } from 'zod';
import { RealtimeLimits } from '../realtime.js';
import { Comment, ReactionCounts } from './comments.js';

const Topic = z.string().min(1).max(240);
/** Echoed on the answer, so a client can match answers to requests. */
const Ref = z.string().max(64).optional();
/** A topic sequence number: the `id` of the last event the client saw. */
const Seq = z.string().regex(/^(0|[1-9][0-9]{0,15})$/, 'must be an event id');

export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth'), token: z.string().min(1).max(8192).nullable(), ref: Ref }),
  z.object({ type: z.literal('subscribe'), topic: Topic, since: Seq.optional(), ref: Ref }),
  z.object({ type: z.literal('unsubscribe'), topic: Topic, ref: Ref }),
  z.object({ type: z.literal('typing'), topic: Topic }),
  z.object({ type: z.literal('ping'), ref: Ref }),
]);

const SocketUser = z.object({ id: z.string(), name: z.string() });

export const ServerMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    /** Null for an anonymous reader. */
    user: SocketUser.nullable(),
    heartbeat_ms: z.number().int(),
    limits: z.object({ subscriptions_max: z.number().int(), messages_per_second: z.number().int() }),
    ref: Ref,
  }),
  z.object({
    type: z.literal('subscribed'),
    topic: Topic,
    cursor: Seq,
    replayed: z.number().int(),
    ref: Ref,
  }),
  z.object({ type: z.literal('unsubscribed'), topic: Topic, ref: Ref }),
  z.object({
    type: z.literal('event'),
    topic: Topic,
    /** The topic's sequence number (resume with `since`); null for presence and typing. */
    id: Seq.nullable(),
    event: z.string(),
    data: z.unknown(),
  }),
  z.object({ type: z.literal('reset'), topic: Topic, cursor: Seq, reason: z.string() }),
  z.object({
    type: z.literal('error'),
    code: z.string(),
    message: z.string(),
    topic: Topic.optional(),
    ref: Ref,
  }),
  z.object({ type: z.literal('pong'), ref: Ref }),
]);

/**
 * `data` of the comment-topic events that carry a comment: `new_comment`, `comment_updated`
 * and `comment_moderated` (the last for the comment's author and moderators only).
 */
export const NewCommentData = z.object({ comment: Comment });
export const CommentDeletedData = z.object({
  id: z.string(),
  outcome: z.enum(['tombstone', 'removed']),
  /** The tombstone, when the comment had replies. */
  comment: Comment.nullable(),
});
export const ReactionUpdateData = z.object({
  target_type: z.enum(['content', 'comment']),
  target_id: z.string(),
  counts: ReactionCounts,
  total: z.number().int(),
  /** Whose change it was and their reaction now, so that user's other tabs can follow. */
  user_id: z.string(),
  reaction_type: z.string().nullable(),
});
export const PresenceData = z.object({
  count: z.number().int(),
  users: z.array(SocketUser).max(RealtimeLimits.presenceNamesMax),
});
export const TypingData = z.object({ user: SocketUser });
