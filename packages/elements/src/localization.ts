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
  return localization().setLocale(matchLocale(locale));
}

export function getLocale(): Locale {
  return (controls?.getLocale() ?? sourceLocale) as Locale;
}

/**
 * Until the page calls `setLocale`, elements follow the nearest `lang` attribute (their own, an
 * ancestor's, or the document's).
 */
export function adoptLangLocale(element: Element): void {
  if (chosen) return;
  const lang = element.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang;
  const locale = matchLocale(lang);
  if (locale !== getLocale()) void localization().setLocale(locale);
}
