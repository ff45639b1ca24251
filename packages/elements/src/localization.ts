import { configureLocalization } from '@lit/localize';
import { sourceLocale, targetLocales } from './generated/locale-codes.js';

export type Locale = typeof sourceLocale | (typeof targetLocales)[number];

// Static import strings keep each locale its own lazily loaded chunk in every bundler.
const loaders: Record<(typeof targetLocales)[number], () => Promise<unknown>> = {
  de: () => import('./generated/locales/de.js'),
};

let controls: ReturnType<typeof configureLocalization> | undefined;
let chosen = false;

// Configured on first use, so importing this module has no side effect.
const localization = () =>
  (controls ??= configureLocalization({
    sourceLocale,
    targetLocales,
    loadLocale: (locale) => loaders[locale as keyof typeof loaders]() as never,
  }));

/** The best supported locale for a BCP 47 tag (`de-AT` → `de`), or the source locale. */
export function matchLocale(tag: string | null | undefined): Locale {
  const lower = (tag ?? '').toLowerCase();
  const all: readonly string[] = [sourceLocale, ...targetLocales];
  return (all.find((l) => l === lower) ??
    all.find((l) => lower.startsWith(`${l}-`)) ??
    sourceLocale) as Locale;
}

/** Switches every ShareStack element to `locale` (a supported code or any tag that starts with one). */
export function setLocale(locale: string): Promise<void> {
  chosen = true;
  requested = matchLocale(locale);
  return localization().setLocale(requested);
}

export function getLocale(): Locale {
  return (controls?.getLocale() ?? sourceLocale) as Locale;
}

/** The nearest `lang` attribute, looking out through shadow roots to the hosting elements. */
function langOf(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const found = node.closest('[lang]');
    if (found) return found.getAttribute('lang') ?? '';
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return document.documentElement.lang;
}

// The locale last asked for: a load in flight must not be undone by an element that asks again.
let requested: Locale | undefined;

/**
 * Until the page calls `setLocale`, elements follow the nearest `lang` attribute (their own, an
 * ancestor's — also outside the shadow roots they render in — or the document's).
 */
export function adoptLangLocale(element: Element): void {
  if (chosen) return;
  const locale = matchLocale(langOf(element));
  if (locale === (requested ?? getLocale())) return;
  requested = locale;
  void localization().setLocale(locale);
}
