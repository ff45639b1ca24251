import type { EmbedTheme } from './config.js';

const isShareStackElement = (node: Node): node is Element =>
  node instanceof Element && node.localName.startsWith('ss-');

function adopt(element: Element, theme: EmbedTheme): void {
  if (!element.hasAttribute('theme')) element.setAttribute('theme', theme);
}

/**
 * `data-theme` on the script tag is a page-wide default: every `ss-*` element in the page that
 * has no `theme` of its own gets it, including ones the host adds later.
 */
export function applyDefaultTheme(theme: EmbedTheme, root: ParentNode = document): void {
  for (const element of root.querySelectorAll('*')) if (isShareStackElement(element)) adopt(element, theme);
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (isShareStackElement(node)) adopt(node, theme);
        for (const inner of node.querySelectorAll('*')) if (isShareStackElement(inner)) adopt(inner, theme);
      }
    }
  }).observe(root, { childList: true, subtree: true });
}
