import { Culture, recognizeNumber } from '@microsoft/recognizers-text-suite';
import { DateTime } from 'luxon';
import { foldText } from './text.js';

/** A week has 168 hours; more than 80 ordinary paid hours is a typo. */
export const MAX_WEEKLY_HOURS = 80;

const DANISH_NUMBERS: Record<string, number> = {
  nul: 0, ingen: 0, en: 1, et: 1, to: 2, tre: 3, fire: 4, fem: 5, seks: 6, syv: 7, otte: 8, ni: 9, ti: 10, elleve: 11, tolv: 12,
  tretten: 13, fjorten: 14, femten: 15, seksten: 16, sytten: 17, atten: 18, nitten: 19, tyve: 20, tredive: 30, fyrre: 40,
  halvtreds: 50, tres: 60, halvfjerds: 70, firs: 80, halvanden: 1.5, halv: 0.5,
};

function danishWords(folded: string): number | undefined {
  const words = folded.replace(/\btimer?\b/g, '').trim();
  if (words in DANISH_NUMBERS) return DANISH_NUMBERS[words];
  // "fem og tyve", "femogtyve"
  const compound = /^(\w+?)\s*og\s*(tyve|tredive|fyrre|halvtreds|tres|halvfjerds)$/.exec(words);
  if (compound) {
    const ones = DANISH_NUMBERS[compound[1] as string];
    const tens = DANISH_NUMBERS[compound[2] as string];
    if (ones !== undefined && tens !== undefined && ones < 10) return tens + ones;
  }
  // "syv en halv", "syv og en halv"
  const half = /^(\w+)\s+(?:og\s+)?en\s+halv$/.exec(words);
  const whole = half ? DANISH_NUMBERS[half[1] as string] : undefined;
  return whole !== undefined ? whole + 0.5 : undefined;
}

/**
 * Weekly ordinary paid hours from what a citizen types: "12", "7,5", "7.5 timer",
 * Danish words ("fem", "femogtyve", "syv en halv"), English words through
 * recognizers-text ("twenty five"). Undefined when unreadable or out of range.
 */
export function parseHours(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > 60) return undefined;
  const digits = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*(?:t|timer|time|h|hours?)?\.?$/i.exec(trimmed);
  let value: number | undefined;
  if (digits) value = Number(`${digits[1]}.${digits[2] ?? '0'}`);
  value ??= danishWords(foldText(trimmed));
  if (value === undefined) {
    const recognized = recognizeNumber(trimmed, Culture.English)[0]?.resolution as { value?: string } | undefined;
    value = recognized?.value !== undefined ? Number(recognized.value) : undefined;
  }
  if (value === undefined || Number.isNaN(value) || value < 0 || value > MAX_WEEKLY_HOURS) return undefined;
  return Math.round(value * 4) / 4;
}

/** The ISO week an instant falls in, in the citizen's time zone, e.g. "2026-W48". */
export function isoWeekOf(at: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
}

/** The week's number of an ISO week, "2026-W48" → 48, for "uge 48". */
export function weekNumber(isoWeek: string): number {
  return Number(isoWeek.slice(isoWeek.indexOf('W') + 1));
}
