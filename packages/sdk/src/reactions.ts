import type { ReactionSummary, TargetType } from '@sharestack/protocol';
import { type Http, seg } from './http.js';

export interface ReactionsClient {
  get(targetType: TargetType, targetId: string): Promise<ReactionSummary>;
  /** Sets the viewer's reaction on a content or comment, or removes it with `null`. */
  react(targetType: TargetType, targetId: string, reactionType: string | null): Promise<ReactionSummary>;
}

export function createReactionsClient(http: Http): ReactionsClient {
  return {
    get: (type, id) => http.get(`reactions/${type}/${seg(id)}/`),
    react: (type, id, reaction_type) =>
      reaction_type === null
        ? http.send('DELETE', `reactions/${type}/${seg(id)}/`)
        : http.send('POST', 'reactions/', { target_type: type, target_id: id, reaction_type }),
  };
}
