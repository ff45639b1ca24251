import { SsGuestForm } from './guest-form.component.js';

export { SsGuestForm };
export default SsGuestForm;

if (!customElements.get('ss-guest-form')) customElements.define('ss-guest-form', SsGuestForm);

declare global {
  interface HTMLElementTagNameMap {
    'ss-guest-form': SsGuestForm;
  }
}
