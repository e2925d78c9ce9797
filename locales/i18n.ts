import i18next, { type TFunction } from 'i18next';
import da from './da.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import consoleDa from './console.da.json' with { type: 'json' };
import consoleEn from './console.en.json' with { type: 'json' };

export const SUPPORTED_LOCALES = ['da', 'en'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
/** Danish is the product's default language. */
export const DEFAULT_LOCALE: Locale = 'da';

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  resources: { da: { translation: da, console: consoleDa }, en: { translation: en, console: consoleEn } },
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  // Texts go to chat, not HTML; escaping would mangle names such as "Ø & Co".
  interpolation: { escapeValue: false },
});

/** Picks a supported locale from a stored preference or a channel locale such as "en-US". */
export function resolveLocale(...candidates: Array<string | undefined | null>): Locale {
  for (const candidate of candidates) {
    const language = candidate?.toLowerCase().split(/[-_]/)[0];
    const match = SUPPORTED_LOCALES.find((locale) => locale === language);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}

// Bound once per locale: a turn asks for its translator several times.
const chatTranslators: Record<Locale, TFunction> = { da: instance.getFixedT('da'), en: instance.getFixedT('en') };
const consoleTranslators: Record<Locale, TFunction<'console'>> = { da: instance.getFixedT('da', 'console'), en: instance.getFixedT('en', 'console') };

/** A translate function bound to one locale. */
export function translator(locale: Locale): TFunction {
  return chatTranslators[locale];
}

/** The staff console's texts (namespace "console"), bound to one locale. Pages escape on render, not here. */
export function consoleTranslator(locale: Locale): TFunction<'console'> {
  return consoleTranslators[locale];
}
