import { type ReactionSummary, type ReactionUpdateData, type TargetType, Topic } from '@sharestack/protocol';
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

  /** The viewer's own reactions on their way: each ends with the server's summary. */
  let inFlight = 0;
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
      inFlight++;
      try {
        const summary = await client.reactions.react(targetType, targetId, reactionType);
        fromSummary(summary);
        return summary;
      } catch (error) {
        $state.set(before);
        throw error;
      } finally {
        inFlight--;
      }
    },
  };
  /** A change announced live (see reaction-live.ts); the viewer's own on its way wins. */
  const applyLive = (r: ReactionUpdateData) => {
    const now = $state.get();
    if (now.status !== 'ready' || inFlight > 0) return;
    const mine = r.user_id === client.$viewer.get()?.id;
    $state.set({
      ...now,
      counts: r.counts,
      total: r.total,
      ...(mine ? { my_reaction: r.reaction_type } : {}),
    });
  };
  onMount($state, () => {
    if ($state.get().status === 'idle') void store.load();
    // `my_reaction` is the viewer's.
    const stopSession = client.$session.listen(() => void store.load());
    // A content's reactions are announced on its comments topic (a comment's reach its thread's
    // store, which knows the content). That code, and the socket's, load once it is shown.
    let stopped = false;
    let stopLive = () => {};
    if (targetType === 'content')
      void import('./reaction-live.js').then(({ followContentReactions }) => {
        if (stopped) return;
        stopLive = followContentReactions(
          client,
          Topic.comments(targetId),
          targetId,
          applyLive,
          () => void store.load(),
        );
      });
    return () => {
      stopped = true;
      stopLive();
      stopSession();
    };
  });
  return store;
}
