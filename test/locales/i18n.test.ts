import { describe, expect, it } from 'vitest';
import da from '../../locales/da.json' with { type: 'json' };
import en from '../../locales/en.json' with { type: 'json' };
import { translator } from '../../locales/i18n.js';

/** Every text of a resource file as [dotted key, text]. */
function textsOf(resource: object, prefix = ''): Array<[string, string]> {
  return Object.entries(resource).flatMap(([key, value]): Array<[string, string]> =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : typeof value === 'object' && value !== null && !Array.isArray(value) ? textsOf(value, `${prefix}${key}.`) : [],
  );
}

describe('the chat translators', () => {
  for (const [locale, resource] of [['da', da], ['en', en]] as const) {
    // Texts without placeholders, nesting or plurals come out as written, the first time and every time after.
    const plain = textsOf(resource).filter(([key, text]) => !text.includes('{{') && !text.includes('$t(') && !/_(one|other|zero)$/.test(key));

    it(`gives every plain ${locale} text as written, asked once or again`, () => {
      const t = translator(locale);
      expect(plain.length).toBeGreaterThan(50);
      for (const [key, text] of plain) {
        expect(t(key)).toBe(text);
        expect(t(key)).toBe(text);
      }
    });
  }

  for (const [locale, resource] of [['da', da], ['en', en]] as const) {
    it(`fills in every placeholder of every ${locale} text, in that language`, () => {
      const t = translator(locale);
      const withPlaceholders = textsOf(resource).filter(([, text]) => /\{\{\w+\}\}/.test(text) && !text.includes('$t('));
      expect(withPlaceholders.length).toBeGreaterThan(20);
      for (const [key, text] of withPlaceholders) {
        const values = Object.fromEntries([...text.matchAll(/\{\{(\w+)\}\}/g)].map(([, name]) => [name as string, `«${name}»`]));
        expect(t(key, values)).toBe(text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => `«${name}»`));
      }
    });
  }

  it('still fills in placeholders, after the same text was asked for without them', () => {
    const t = translator('da');
    t('checkIn.question');
    expect(t('checkIn.question', { number: 2, total: 16, question: 'Hvordan sover du?' })).toBe('Spørgsmål 2 af 16\n\n**Hvordan sover du?**');
  });

  it('answers a key that is not a text with the key, as i18next does, or with a default given for it', () => {
    const t = translator('en');
    expect(t('no.such.text', 'a default')).toBe('a default');
    expect(t('no.such.text')).toBe('no.such.text');
  });
});
