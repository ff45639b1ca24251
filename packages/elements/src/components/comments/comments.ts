import '../comment/comment.js';
import '../composer/composer.js';
import { SsComments } from './comments.component.js';

export { SsComments };
export default SsComments;

if (!customElements.get('ss-comments')) customElements.define('ss-comments', SsComments);

declare global {
  interface HTMLElementTagNameMap {
    'ss-comments': SsComments;
  }
}
