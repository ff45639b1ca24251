import { ContextConsumer } from '@lit/context';
import type { ShareStackClient } from '@sharestack/sdk';
import type { ReactiveElement } from 'lit';
import { $defaultClient, clientContext } from '../context.js';
import { StoreController } from './store-controller.js';

type Host = ReactiveElement & { client?: ShareStackClient | undefined };

/** Resolves an element's client: its own `client` property, else a provider's, else the default. */
export class ClientController {
  private fromContext: ShareStackClient | undefined;
  private readonly fallback: StoreController<ShareStackClient | undefined>;

  constructor(private readonly host: Host) {
    new ContextConsumer(host, {
      context: clientContext,
      subscribe: true,
      callback: (client) => {
        this.fromContext = client;
        host.requestUpdate();
      },
    });
    this.fallback = new StoreController(host, $defaultClient);
  }

  get value(): ShareStackClient | undefined {
    return this.host.client ?? this.fromContext ?? this.fallback.value;
  }
}
