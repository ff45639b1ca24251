import { SsComposer } from './composer.component.js';

export { SsComposer };
export default SsComposer;

if (!customElements.get('ss-composer')) customElements.define('ss-composer', SsComposer);

declare global {
  interface HTMLElementTagNameMap {
    'ss-composer': SsComposer;
  }
}
