import type { ReactionSummary, TargetType } from '@sharestack/protocol';
import { atom, onMount, type ReadableAtom } from 'nanostores';
import type { ShareStackClient } from '../client.js';
import { isShareStackError, type ShareStackError } from '../errors.js';
import { applyReaction } from './reaction-math.js';

export interface ReactionStoreState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  counts: Record<string, number>;
  total: number;
  my_reaction: string | null;
  error: ShareStackError | null;
}

export interface ReactionStore {
  readonly $state: ReadableAtom<ReactionStoreState>;
  load(): Promise<void>;
  /** Sets (or with `null` clears) the viewer's reaction, optimistically, rolling back on failure. */
  react(reactionType: string | null): Promise<ReactionSummary>;
}

export function createReactionStore(
  client: ShareStackClient,
  targetType: TargetType,
  targetId: string,
): ReactionStore {
  const $state = atom<ReactionStoreState>({
    status: 'idle',
    counts: {},
    total: 0,
    my_reaction: null,
    error: null,
  });
  const fromSummary = (s: ReactionSummary) =>
    $state.set({
      status: 'ready',
      counts: s.counts,
      total: s.total,
      my_reaction: s.my_reaction,
      error: null,
    });

  const store: ReactionStore = {
    $state,
    async load() {
      $state.set({ ...$state.get(), status: 'loading' });
      try {
        fromSummary(await client.reactions.get(targetType, targetId));
      } catch (error) {
        if (!isShareStackError(error)) throw error;
        $state.set({ ...$state.get(), status: 'error', error });
      }
    },
    async react(reactionType) {
      const before = $state.get();
      const next = applyReaction(
        { reactions: before.counts, like_count: before.total, my_reaction: before.my_reaction },
        reactionType,
      );
      $state.set({
        ...before,
        counts: next.reactions,
        total: next.like_count,
        my_reaction: next.my_reaction,
      });
      try {
        const summary = await client.reactions.react(targetType, targetId, reactionType);
        fromSummary(summary);
        return summary;
      } catch (error) {
        $state.set(before);
        throw error;
      }
    },
  };
  onMount($state, () => {
    if ($state.get().status === 'idle') void store.load();
    // `my_reaction` is the viewer's.
    return client.$session.listen(() => void store.load());
  });
  return store;
}
