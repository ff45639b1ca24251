import { msg, str } from '@lit/localize';
import { isShareStackError, type ThreadStore } from '@sharestack/sdk';
import type { ReactiveElement } from 'lit';
import type { SsErrorAction } from '../../events/ss-error.js';
import type { ViewerController } from '../../internal/client-controller.js';
import { emit } from '../../internal/emit.js';
import { problemMessage } from '../../internal/labels.js';
import type { ThreadActions } from '../../internal/thread-actions.js';
import type { SsComposer } from '../composer/composer.component.js';

/** The thread's actions, and signing in as a guest (the guest form's action). */
export interface CommentsActions extends ThreadActions {
  signIn(name: string): Promise<void>;
}

/**
 * What the viewer does in `<ss-comments>`, in one place whichever comment acted: the store's
 * call, then the event, the announcement and where focus goes. A failure becomes `ss-error` and
 * an announcement, and is thrown on so the composer or form that acted keeps its text.
 * `thread` and `announce` reach the element's private store and live region.
 */
export function commentsActions(
  element: ReactiveElement,
  session: ViewerController,
  thread: () => ThreadStore | undefined,
  announce: (text: string) => Promise<void>,
): CommentsActions {
  const failed = (action: SsErrorAction, error: unknown, lead: string): never => {
    if (isShareStackError(error)) {
      emit(element, 'ss-error', { action, error });
      void announce(`${lead} ${problemMessage(error)}`);
    }
    throw error;
  };

  return {
    post: async (text, parentId) => {
      try {
        const comment = await thread()!.post(text, parentId);
        emit(element, 'ss-comment-posted', { comment });
        void announce(
          !comment.is_approved
            ? msg('Your comment was sent and awaits approval.')
            : parentId
              ? msg('Reply posted.')
              : msg('Comment posted.'),
        );
        return comment;
      } catch (error) {
        failed('post', error, msg('Your comment could not be posted.'));
      }
    },
    edit: async (commentId, text) => {
      try {
        const comment = await thread()!.edit(commentId, text);
        emit(element, 'ss-comment-edited', { comment });
        void announce(msg('Comment updated.'));
        return comment;
      } catch (error) {
        failed('edit', error, msg('Your changes could not be saved.'));
      }
    },
    remove: async (commentId) => {
      try {
        await thread()!.remove(commentId);
      } catch (error) {
        failed('delete', error, msg('The comment could not be deleted.'));
      }
      emit(element, 'ss-comment-deleted', { commentId });
      void announce(msg('Comment deleted.'));
      await element.updateComplete;
      // The removed comment held focus; give it to the heading rather than the page.
      if (!element.matches(':focus-within')) element.renderRoot.querySelector<HTMLElement>('h2')!.focus();
    },
    react: (commentId, reaction) => thread()!.react(commentId, reaction),
    loadReplies: async (rootId) => {
      try {
        await thread()!.loadReplies(rootId);
      } catch (error) {
        failed('load-more', error, msg('More comments could not be loaded.'));
      }
    },
    signIn: async (name) => {
      try {
        const { user } = await session.bound!.signInAsGuest(name);
        emit(element, 'ss-signed-in', { viewer: user });
        void announce(msg(str`Signed in as ${user.name}.`));
        await element.updateComplete;
        element.renderRoot.querySelector<SsComposer>('ss-composer')?.focus();
      } catch (error) {
        failed('sign-in', error, msg('Signing in failed.'));
      }
    },
  };
}
