import { waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';

/**
 * Every element matching `selector` in `root` and in every shadow root below it, in document order.
 * ` >>> ` continues the search inside the shadow roots of what the part before it matched.
 */
export function deepQueryAll<E extends Element = HTMLElement>(root: ParentNode, selector: string): E[] {
  const [first = '', ...rest] = selector.split(' >>> ');
  const found: Element[] = [];
  const walk = (node: ParentNode) => {
    for (const el of node.querySelectorAll('*')) {
      if (el.matches(first)) found.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  if (root instanceof Element && root.shadowRoot) walk(root.shadowRoot);
  walk(root);
  if (rest.length === 0) return found as E[];
  return found.flatMap((host) =>
    host.shadowRoot ? deepQueryAll<E>(host.shadowRoot, rest.join(' >>> ')) : [],
  );
}

export function deepQuery<E extends Element = HTMLElement>(
  root: ParentNode,
  selector: string,
): E | undefined {
  return deepQueryAll<E>(root, selector)[0];
}

/** The element, waiting until it exists (rendering crosses several shadow roots and the network). */
export async function find<E extends Element = HTMLElement>(
  root: ParentNode,
  selector: string,
  message = `no ${selector}`,
  timeout = 5000,
): Promise<E> {
  await waitUntil(() => deepQuery(root, selector), message, { timeout, interval: 10 });
  return deepQuery<E>(root, selector)!;
}

/** Text of a node and of every shadow root below it, whitespace collapsed. */
export function deepText(node: Node | undefined | null): string {
  let out = '';
  const walk = (n: Node) => {
    if (n.nodeType === Node.TEXT_NODE) out += n.textContent;
    if (n instanceof Element && n.shadowRoot) walk(n.shadowRoot);
    for (const child of n.childNodes) walk(child);
  };
  if (node) walk(node);
  return out.replace(/\s+/g, ' ').trim();
}

/** The innermost focused element, through shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Presses Ctrl+Enter as a real key chord. */
export async function pressCtrlEnter(): Promise<void> {
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'Enter' });
  await sendKeys({ up: 'Control' });
}

/**
 * `waitUntil` with room for a real server round trip on a busy two-core CI machine; the
 * library's one-second default made these tests flaky, not wrong.
 */
export function eventually(predicate: () => unknown, message?: string): Promise<void> {
  return waitUntil(predicate, message, { timeout: 8000, interval: 20 });
}

/** The CSS transitions and animations running in `root`'s shadow tree, nested shadow trees too. */
function runningAnimations(root: Element): Animation[] {
  const out: Animation[] = [];
  const visit = (r: ShadowRoot) => {
    out.push(...r.getAnimations());
    for (const e of r.querySelectorAll('*')) if (e.shadowRoot) visit(e.shadowRoot);
  };
  if (root.shadowRoot) visit(root.shadowRoot);
  return out;
}

/**
 * Resolves once no colour fade is left running in the element (asking for them brings styles up
 * to date, so a fade a change has just caused counts). axe measures contrast as it is at that
 * instant: checked mid-fade, a button is neither its old colour nor its new one.
 */
export async function fadesDone(root: Element): Promise<void> {
  await (root as Element & { updateComplete?: Promise<unknown> }).updateComplete;
  for (let i = 0; i < 20; i++) {
    const running = runningAnimations(root);
    if (running.length === 0) return;
    await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
  }
}
