import { SsModerationQueue } from './moderation-queue.component.js';

export { SsModerationQueue };
export default SsModerationQueue;

if (!customElements.get('ss-moderation-queue'))
  customElements.define('ss-moderation-queue', SsModerationQueue);

declare global {
  interface HTMLElementTagNameMap {
    'ss-moderation-queue': SsModerationQueue;
  }
}
