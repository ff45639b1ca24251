import '../composer/composer.js';
import '../reactions/reactions.js';
import { SsComment } from './comment.component.js';

export { SsComment };
export default SsComment;

if (!customElements.get('ss-comment')) customElements.define('ss-comment', SsComment);

declare global {
  interface HTMLElementTagNameMap {
    'ss-comment': SsComment;
  }
}
