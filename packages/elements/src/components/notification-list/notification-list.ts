import { SsNotificationList } from './notification-list.component.js';

export { SsNotificationList };
export default SsNotificationList;

if (!customElements.get('ss-notification-list'))
  customElements.define('ss-notification-list', SsNotificationList);

declare global {
  interface HTMLElementTagNameMap {
    'ss-notification-list': SsNotificationList;
  }
}
