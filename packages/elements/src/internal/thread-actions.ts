import type { Role, Viewer } from '@sharestack/protocol';

/**
 * What a comment item may ask of its thread. `<ss-comments>` implements it once, so events,
 * announcements and focus recovery live in one place whichever comment acted.
 */
export interface ThreadActions {
  post(text: string, parentId: string | null): Promise<unknown>;
  edit(commentId: string, text: string): Promise<unknown>;
  remove(commentId: string): Promise<void>;
  react(commentId: string, reaction: string | null): Promise<unknown>;
  loadReplies(rootId: string): Promise<void>;
}

const STAFF: readonly string[] = ['moderator', 'admin'] satisfies Role[];

export const isStaff = (viewer: Viewer | null): boolean => !!viewer?.roles.some((r) => STAFF.includes(r));

/** Depth counts from 0 for top-level comments; a reply may be at most `max_depth` deep (the server's rule). */
export const canReplyAt = (depth: number, maxDepth: number): boolean => depth + 1 <= maxDepth;
