// Registers every ShareStack element; `<ss-comments>` loads its guest sign-in form when a reader
// needs it. The provider goes first so that elements upgraded after it find their client on
// connect.
import './components/provider/provider.js';
import './components/reactions/reactions.js';
import './components/composer/composer.js';
import './components/comment/comment.js';
import './components/comments/comments.js';
