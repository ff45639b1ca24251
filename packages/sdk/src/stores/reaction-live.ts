import { type ReactionUpdateData, type RealtimeEnvelope, RealtimeEvent } from '@sharestack/protocol';
import type { ShareStackClient } from '../client.js';

/**
 * Follows the reactions on a content, announced on its comments topic (`topic`): `apply` gets
 * each change (another reader's, or the viewer's own from another tab), `reload` when too much
 * was missed. Loaded once a reaction store is shown, as a thread's live code is.
 */
export function followContentReactions(
  client: ShareStackClient,
  topic: string,
  contentKey: string,
  apply: (update: ReactionUpdateData) => void,
  reload: () => void,
): () => void {
  return client.realtime.subscribe(topic, {
    event(e: RealtimeEnvelope) {
      if (e.event !== RealtimeEvent.ReactionUpdate) return;
      const r = e.data as ReactionUpdateData;
      if (r.target_type === 'content' && r.target_id === contentKey) apply(r);
    },
    reset: reload,
  });
}
