import { SsProfileCard } from './profile-card.component.js';

export { SsProfileCard };
export default SsProfileCard;

if (!customElements.get('ss-profile-card')) customElements.define('ss-profile-card', SsProfileCard);

declare global {
  interface HTMLElementTagNameMap {
    'ss-profile-card': SsProfileCard;
  }
}
