import { ContextConsumer } from '@lit/context';
import type { Viewer } from '@sharestack/protocol';
import type { ShareStackClient } from '@sharestack/sdk';
import type { ReactiveElement } from 'lit';
import { $defaultClient, clientContext } from '../context.js';
import { StoreController } from './store-controller.js';
import { resolveViewer } from './viewer.js';

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

/**
 * An element's client and who is reading: `bind()` (in `willUpdate`) takes the client now, and
 * when it is another than before follows its `$viewer`, asking once who that is.
 */
export class ViewerController extends ClientController {
  private readonly viewerState: StoreController<Viewer | null>;
  /**
   * The client the last `bind()` took (for handlers between updates). Cleared when an element
   * leaves the page, so that `bind()` binds again when it comes back.
   */
  bound: ShareStackClient | undefined;
  /** Whether the last `bind()` found another client than the one before. */
  changed = false;

  constructor(host: Host) {
    super(host);
    this.viewerState = new StoreController(host);
  }

  bind(): ShareStackClient | undefined {
    const client = this.value;
    this.changed = client !== this.bound;
    if (this.changed) {
      this.bound = client;
      this.viewerState.use(client?.$viewer);
      if (client) void resolveViewer(client);
    }
    return client;
  }

  /** The signed-in viewer, or null for an anonymous reader (or before the answer). */
  get viewer(): Viewer | null {
    return this.viewerState.value ?? null;
  }
}
