import { SsFollowButton } from './follow-button.component.js';

export { SsFollowButton };
export default SsFollowButton;

if (!customElements.get('ss-follow-button')) customElements.define('ss-follow-button', SsFollowButton);

declare global {
  interface HTMLElementTagNameMap {
    'ss-follow-button': SsFollowButton;
  }
}
