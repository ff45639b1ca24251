// Types for the ShareStack elements this app uses in JSX. React 19 sets a prop as a property when
// the element has one (`client`) and as an attribute otherwise (`content-id`), and adds
// `on<event-name>` props as event listeners (`onss-comment-posted`). Elements must be defined
// (`import '@sharestack/elements/define'`) before React renders them, or `client` becomes an
// attribute.
import type {
  SsCommentPostedEvent,
  SsComments,
  SsErrorEvent,
  SsFollowButton,
  SsFollowChangedEvent,
  SsNotificationBell,
  SsNotificationClickEvent,
} from '@sharestack/elements';
import type { HTMLAttributes, RefAttributes } from 'react';

interface SsElementProps<E extends HTMLElement & { theme?: unknown; client?: unknown }>
  extends HTMLAttributes<E>,
    RefAttributes<E> {
  client?: E['client'];
  theme?: E['theme'];
  'onss-error'?: (event: SsErrorEvent) => void;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'ss-comments': SsElementProps<SsComments> & {
        'content-id': string;
        sort?: SsComments['sort'];
        'page-size'?: number;
        live?: 'on' | 'off';
        'onss-comment-posted'?: (event: SsCommentPostedEvent) => void;
      };
      'ss-follow-button': SsElementProps<SsFollowButton> & {
        'user-id': string;
        'onss-follow-changed'?: (event: SsFollowChangedEvent) => void;
      };
      'ss-notification-bell': SsElementProps<SsNotificationBell> & {
        'inbox-url'?: string;
        limit?: number;
        'onss-notification-click'?: (event: SsNotificationClickEvent) => void;
      };
    }
  }
}
