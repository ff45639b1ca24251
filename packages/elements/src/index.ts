export { SsComment } from './components/comment/comment.component.js';
export { SsComments } from './components/comments/comments.component.js';
export { SsComposer } from './components/composer/composer.component.js';
export { SsGuestForm } from './components/guest-form/guest-form.component.js';
export { SsProvider } from './components/provider/provider.component.js';
export { type ReactionsValue, SsReactions } from './components/reactions/reactions.component.js';
export { clientContext, getDefaultClient, setDefaultClient } from './context.js';
export type * from './events/events.js';
export { getLocale, type Locale, setLocale } from './localization.js';
