import { SsActivityFeed } from './activity-feed.component.js';

export { SsActivityFeed };
export default SsActivityFeed;

if (!customElements.get('ss-activity-feed')) customElements.define('ss-activity-feed', SsActivityFeed);

declare global {
  interface HTMLElementTagNameMap {
    'ss-activity-feed': SsActivityFeed;
  }
}
