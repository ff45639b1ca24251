// Types for the ShareStack elements this app uses in templates, so that vue-tsc checks their
// properties and events (Vue's recommended helper for custom elements not built with Vue).
// At run time `isCustomElement` in vite.config.ts leaves the tags to the browser.
import type {
  SsCommentPostedEvent,
  SsComments,
  SsErrorEvent,
  SsFollowButton,
  SsFollowChangedEvent,
  SsNotificationBell,
  SsNotificationClickEvent,
} from '@sharestack/elements';
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';

type Listeners<Events extends Record<string, Event>> = EmitFn<{
  [Name in keyof Events]: (event: Events[Name]) => void;
}>;

/** An element's class as Vue sees a component: the properties it may bind, and the events it hears. */
type SsElement<
  E extends HTMLElement,
  Props extends keyof E,
  Events extends Record<string, Event>,
> = new () => E & {
  /** @deprecated For template type checks only: elements have no `$props`. */
  $props: HTMLAttributes & Partial<Pick<E, Props>> & PublicProps;
  /** @deprecated For template type checks only: elements have no `$emit`. */
  $emit: Listeners<Events & { 'ss-error': SsErrorEvent }>;
};

declare module 'vue' {
  interface GlobalComponents {
    'ss-comments': SsElement<
      SsComments,
      'client' | 'contentId' | 'sort' | 'pageSize' | 'live' | 'theme',
      { 'ss-comment-posted': SsCommentPostedEvent }
    >;
    'ss-follow-button': SsElement<
      SsFollowButton,
      'client' | 'userId' | 'showCount' | 'theme',
      { 'ss-follow-changed': SsFollowChangedEvent }
    >;
    'ss-notification-bell': SsElement<
      SsNotificationBell,
      'client' | 'inboxUrl' | 'limit' | 'theme',
      { 'ss-notification-click': SsNotificationClickEvent }
    >;
  }
}
