// Registers every ShareStack element; `<ss-comments>` loads its guest sign-in form when a reader
// needs it. The provider goes first so that elements upgraded after it find their client on
// connect.
import './components/provider/provider.js';
import './components/reactions/reactions.js';
import './components/composer/composer.js';
import './components/comment/comment.js';
import './components/comments/comments.js';
import './components/follow-button/follow-button.js';
import './components/bookmark-button/bookmark-button.js';
import './components/share-button/share-button.js';
import './components/profile-card/profile-card.js';
import './components/activity-feed/activity-feed.js';
import './components/moderation-queue/moderation-queue.js';
import './components/notification-bell/notification-bell.js';
import './components/notification-list/notification-list.js';
import './components/notification-preferences/notification-preferences.js';
