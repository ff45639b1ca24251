import { SsShareButton } from './share-button.component.js';

export { SsShareButton };
export default SsShareButton;

if (!customElements.get('ss-share-button')) customElements.define('ss-share-button', SsShareButton);

declare global {
  interface HTMLElementTagNameMap {
    'ss-share-button': SsShareButton;
  }
}
