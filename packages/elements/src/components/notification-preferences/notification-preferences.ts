import { SsNotificationPreferences } from './notification-preferences.component.js';

export { SsNotificationPreferences };
export default SsNotificationPreferences;

if (!customElements.get('ss-notification-preferences'))
  customElements.define('ss-notification-preferences', SsNotificationPreferences);

declare global {
  interface HTMLElementTagNameMap {
    'ss-notification-preferences': SsNotificationPreferences;
  }
}
