import { SsProvider } from './provider.component.js';

export { SsProvider };
export default SsProvider;

if (!customElements.get('ss-provider')) customElements.define('ss-provider', SsProvider);

declare global {
  interface HTMLElementTagNameMap {
    'ss-provider': SsProvider;
  }
}
