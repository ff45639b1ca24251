import { SsReactions } from './reactions.component.js';

export { SsReactions };
export default SsReactions;

if (!customElements.get('ss-reactions')) customElements.define('ss-reactions', SsReactions);

declare global {
  interface HTMLElementTagNameMap {
    'ss-reactions': SsReactions;
  }
}
