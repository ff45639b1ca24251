import { SsBookmarkButton } from './bookmark-button.component.js';

export { SsBookmarkButton };
export default SsBookmarkButton;

if (!customElements.get('ss-bookmark-button')) customElements.define('ss-bookmark-button', SsBookmarkButton);

declare global {
  interface HTMLElementTagNameMap {
    'ss-bookmark-button': SsBookmarkButton;
  }
}
