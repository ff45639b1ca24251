import type {
  Comment,
  CommentThread,
  CreateCommentBody,
  DeleteCommentResult,
  ListCommentsQuery,
  ReactionSummary,
} from '@sharestack/protocol';
import { type Http, seg } from './http.js';

export interface CommentsClient {
  list(contentId: string, query?: ListCommentsQuery): Promise<CommentThread>;
  create(body: CreateCommentBody): Promise<Comment>;
  update(commentId: string, commentText: string): Promise<Comment>;
  remove(commentId: string): Promise<DeleteCommentResult>;
  /** Sets the viewer's reaction (switching from another type), or removes it with `null`. */
  react(commentId: string, reactionType: string | null): Promise<ReactionSummary>;
}

export function createCommentsClient(http: Http): CommentsClient {
  return {
    list: (contentId, query = {}) =>
      http.get(`comments/${seg(contentId)}/`, {
        sort: query.sort,
        limit: query.limit,
        cursor: query.cursor,
        page: query.page,
        replies: query.replies,
        replies_limit: query.replies_limit,
        root: query.root,
      }),
    create: (body) => http.send('POST', 'comments/', body),
    update: (id, comment_text) => http.send('PUT', `comments/${seg(id)}/`, { comment_text }),
    remove: (id) => http.send('DELETE', `comments/${seg(id)}/`),
    react: (id, reaction_type) =>
      reaction_type === null
        ? http.send('DELETE', `comments/${seg(id)}/like/`)
        : http.send('POST', `comments/${seg(id)}/like/`, { reaction_type }),
  };
}
