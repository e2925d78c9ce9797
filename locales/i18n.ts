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

/** More distinct keys than the texts hold; a key made from stored data cannot grow the memory beyond it. */
const MAX_REMEMBERED_TEXTS = 2_000;

/**
 * A chat translator for one locale. A text asked for without options is remembered: i18next's lookup
 * allocates on every call (~8 % of a turn's allocation, measured), a turn asks for the same few texts
 * again and again, and the texts never change while the process runs. A text with options goes
 * straight to `t` with the locale (unless the call names one, as i18next's bound function allows): that
 * function copies all of i18next's settings into a new object on every call first, which made one
 * question's text cost 27 µs instead of 6.
 */
function chatTranslator(locale: Locale): TFunction {
  const texts = new Map<string, unknown>();
  const fixed = instance.getFixedT(locale) as unknown as (...args: unknown[]) => unknown;
  const translate = instance.t.bind(instance) as unknown as (key: string, options: object) => unknown;
  const remembered = (key: unknown, options?: unknown, ...rest: unknown[]) => {
    if (typeof key !== 'string' || rest.length > 0 || (options !== undefined && (typeof options !== 'object' || options === null))) return fixed(key, options, ...rest);
    if (options !== undefined) return translate(key, { lng: locale, ...options });
    let text = texts.get(key);
    if (text === undefined) {
      text = fixed(key);
      if (texts.size < MAX_REMEMBERED_TEXTS) texts.set(key, text);
    }
    return text;
  };
  return remembered as unknown as TFunction;
}

// Made once per locale: a turn asks for its translator several times.
const chatTranslators: Record<Locale, TFunction> = { da: chatTranslator('da'), en: chatTranslator('en') };
const consoleTranslators: Record<Locale, TFunction<'console'>> = { da: instance.getFixedT('da', 'console'), en: instance.getFixedT('en', 'console') };

/** A translate function bound to one locale. */
export function translator(locale: Locale): TFunction {
  return chatTranslators[locale];
}

/** The staff console's texts (namespace "console"), bound to one locale. Pages escape on render, not here. */
export function consoleTranslator(locale: Locale): TFunction<'console'> {
  return consoleTranslators[locale];
}
