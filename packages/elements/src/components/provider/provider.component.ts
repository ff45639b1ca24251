import { provide } from '@lit/context';
import { createClient, type ShareStackClient } from '@sharestack/sdk';
import { html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { clientContext } from '../../context.js';
import styles from './provider.styles.js';

/**
 * @tag ss-provider
 * @summary Hands one ShareStack client to every element inside it. Give it a `client`, or the
 * `base-url` and `site` (and the viewer's `token`) to create one.
 *
 * @slot - The page content that holds ShareStack elements.
 */
export class SsProvider extends LitElement {
  static override styles = styles;

  private created?: ShareStackClient;

  /** What consumers receive; protected rather than private because only @provide reads it. */
  @provide({ context: clientContext })
  @state()
  protected provided?: ShareStackClient;

  /** A client made by the page; wins over the attributes. */
  @property({ attribute: false }) client?: ShareStackClient;
  /** Origin of the ShareStack server, e.g. `https://comments.example.com`. */
  @property({ attribute: 'base-url' }) baseUrl = '';
  /** The site (tenant) id. */
  @property() site = '';
  /** The viewer's token, signed by the host site. Changing it signs in or out without a new client. */
  @property() token = '';

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (this.client) {
      this.provided = this.client;
      return;
    }
    if (!this.baseUrl || !this.site) {
      this.provided = undefined;
      return;
    }
    if (!this.created || changed.has('baseUrl') || changed.has('site')) {
      this.created = createClient({ baseUrl: this.baseUrl, site: this.site, token: this.token || null });
    } else if (changed.has('token')) {
      this.created.setToken(this.token || null).catch(() => {});
    }
    this.provided = this.created;
  }

  override render() {
    return html`<slot></slot>`;
  }
}
