import type { ReactiveController, ReactiveElement } from 'lit';

/** The popover an element opens over the page, as the dismissal sees it. */
export interface Dismissible {
  isOpen(): boolean;
  /** Escape was pressed (in the element, or anywhere while the popover is open). */
  escape(): void;
  /** A pointer was pressed outside the element, or focus moved to something outside it. */
  away(): void;
}

/**
 * Closes a popover an element opens over the page (the share menu, the bookmark panel): Escape
 * in the element or anywhere while it is open (kept from the page when pressed inside, so a
 * dialog around the element stays open), a pointer pressed outside the element, or focus
 * moving to something outside it.
 */
export class PopoverDismiss implements ReactiveController {
  private listening = false;

  constructor(
    private readonly host: ReactiveElement,
    private readonly popover: Dismissible,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('keydown', this.onKey);
    this.host.addEventListener('keydown', this.onKey);
    this.host.addEventListener('focusout', this.onFocusOut);
  }

  hostDisconnected(): void {
    document.removeEventListener('keydown', this.onKey);
    this.host.removeEventListener('keydown', this.onKey);
    this.host.removeEventListener('focusout', this.onFocusOut);
    this.listenOutside(false);
  }

  hostUpdated(): void {
    this.listenOutside(this.popover.isOpen());
  }

  /** Pointers outside are only watched while the popover is open. */
  private listenOutside(on: boolean) {
    if (on === this.listening) return;
    this.listening = on;
    if (on) document.addEventListener('pointerdown', this.onOutside, true);
    else document.removeEventListener('pointerdown', this.onOutside, true);
  }

  private readonly onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.isComposing || !this.popover.isOpen()) return;
    e.stopPropagation();
    this.popover.escape();
  };

  private readonly onOutside = (e: Event) => {
    if (!e.composedPath().includes(this.host)) this.popover.away();
  };

  private readonly onFocusOut = (e: FocusEvent) => {
    const next = e.relatedTarget as Node | null;
    if (next && !this.host.contains(next) && !this.host.renderRoot.contains(next)) this.popover.away();
  };
}
