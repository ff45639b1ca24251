import { SsNotificationBell } from './notification-bell.component.js';

export { SsNotificationBell };
export default SsNotificationBell;

if (!customElements.get('ss-notification-bell'))
  customElements.define('ss-notification-bell', SsNotificationBell);

declare global {
  interface HTMLElementTagNameMap {
    'ss-notification-bell': SsNotificationBell;
  }
}
