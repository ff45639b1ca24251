export interface ReactionState {
  reactions: Record<string, number>;
  like_count: number;
  my_reaction: string | null;
}

/** The counts after the viewer sets `next` (or clears with null), as the server will compute them. */
export function applyReaction(state: ReactionState, next: string | null): ReactionState {
  const reactions = { ...state.reactions };
  let total = state.like_count;
  const previous = state.my_reaction;
  if (previous === next) return state;
  if (previous) {
    const left = (reactions[previous] ?? 1) - 1;
    if (left > 0) reactions[previous] = left;
    else delete reactions[previous];
    total -= 1;
  }
  if (next) {
    reactions[next] = (reactions[next] ?? 0) + 1;
    total += 1;
  }
  return { reactions, like_count: Math.max(0, total), my_reaction: next };
}
