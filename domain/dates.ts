import { Culture, recognizeDateTime } from '@microsoft/recognizers-text-suite';
import { foldText } from './text.js';

/** A calendar date as `YYYY-MM-DD`, with no time and no time zone. */
export type IsoDate = string;

export const DEFAULT_TIME_ZONE = 'Europe/Copenhagen';

/** The calendar date it is at `now` in `timeZone` (DST and midnight handled by the platform's tz data). */
export function todayIn(timeZone: string, now: Date): IsoDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(date: IsoDate): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
}

function validDate(year: number, month: number, day: number): IsoDate | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

const WEEKDAYS = ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'loerdag', 'soendag'];
const NUMBER_WORDS: Record<string, number> = {
  en: 1, et: 1, to: 2, tre: 3, fire: 4, fem: 5, seks: 6, syv: 7, otte: 8, ni: 9, ti: 10, elleve: 11, tolv: 12, fjorten: 14,
};

function count(word: string): number | undefined {
  return /^\d{1,3}$/.test(word) ? Number(word) : NUMBER_WORDS[word];
}

/**
 * Danish date expressions relative to `today`: "i dag", "i morgen", "i overmorgen", "i går", "i forgårs",
 * "(på) fredag" (the next Friday after today), "næste fredag" (Friday of next week),
 * "om 3 dage", "om to uger", "næste uge" (its Monday), and 24/12, 24.12.2026,
 * 24-12-2026, 24/12-26. A day and month without a year mean the next such date.
 */
export function parseDanishDate(text: string, today: IsoDate): IsoDate | undefined {
  const numeric = /^\s*(\d{1,2})\s*[./-]\s*(\d{1,2})(?:\s*[./-]\s*(\d{2}|\d{4}))?\s*$/.exec(text);
  if (numeric) {
    const day = Number(numeric[1]);
    const month = Number(numeric[2]);
    const currentYear = Number(today.slice(0, 4));
    if (numeric[3]) {
      const year = numeric[3].length === 2 ? 2000 + Number(numeric[3]) : Number(numeric[3]);
      return validDate(year, month, day);
    }
    const thisYear = validDate(currentYear, month, day);
    if (thisYear && thisYear >= today) return thisYear;
    return validDate(currentYear + 1, month, day);
  }
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(text);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));

  const folded = foldText(text);
  switch (folded) {
    case 'i dag':
    case 'idag':
      return today;
    case 'i morgen':
    case 'imorgen':
      return addDays(today, 1);
    case 'i overmorgen':
    case 'overmorgen':
      return addDays(today, 2);
    case 'i gaar':
    case 'igaar':
      return addDays(today, -1);
    case 'i forgaars':
    case 'iforgaars':
      return addDays(today, -2);
    case 'naeste uge':
    case 'i naeste uge':
      return addDays(today, 8 - isoWeekday(today));
  }
  const weekday = /^(?:paa |naeste |paa naeste |om )?(\w+)$/.exec(folded);
  const weekdayIndex = weekday ? WEEKDAYS.indexOf(weekday[1] as string) : -1;
  if (weekdayIndex >= 0) {
    const target = weekdayIndex + 1;
    if (folded.includes('naeste')) return addDays(today, 7 - isoWeekday(today) + target);
    const ahead = (target - isoWeekday(today) + 7) % 7 || 7;
    return addDays(today, ahead);
  }
  const relative = /^om (\w+) (dag|dage|uge|uger)$/.exec(folded);
  const amount = relative ? count(relative[1] as string) : undefined;
  if (relative && amount !== undefined) return addDays(today, relative[2]?.startsWith('uge') ? amount * 7 : amount);
  return undefined;
}

/** English date expressions through @microsoft/recognizers-text ("tomorrow", "next Friday", "Dec 24"). */
export function parseEnglishDate(text: string, today: IsoDate): IsoDate | undefined {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  // The recognizer reads the reference date's local components; noon keeps it clear of any midnight edge.
  const reference = new Date(year, month - 1, day, 12);
  for (const result of recognizeDateTime(text, Culture.English, undefined, reference)) {
    const values = (result.resolution as { values?: Array<{ type: string; value?: string }> } | undefined)?.values ?? [];
    // Ambiguous dates ("Friday") resolve to a past and a future value; the future one is meant.
    // A day that does not exist ("31/02") comes back as "not resolved": only real calendar dates count.
    const dates = values.filter((value) => value.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value.value ?? '')).map((value) => value.value as string);
    const future = dates.find((date) => date >= today) ?? dates[0];
    if (future) return future;
  }
  return undefined;
}

/** A date from Danish or English text, interpreted in the person's time zone. */
export function parseDate(text: string, now: Date, timeZone: string = DEFAULT_TIME_ZONE): IsoDate | undefined {
  const today = todayIn(timeZone, now);
  return parseDanishDate(text, today) ?? parseEnglishDate(text, today);
}

/** A period with an optional end: "fra i går til fredag", "24/11 - 28/11", "from yesterday until Friday", "fra mandag". */
export interface Period {
  from: IsoDate;
  to?: IsoDate;
}

export function parsePeriod(text: string, now: Date, timeZone: string = DEFAULT_TIME_ZONE): Period | undefined {
  const today = todayIn(timeZone, now);
  const one = (part: string) => parseDanishDate(part, today) ?? parseEnglishDate(part, today);
  const range = /^\s*(?:fra\s+|from\s+)?(.+?)\s+(?:til|to|until|-|–)\s+(.+?)\s*$/i.exec(text);
  if (range) {
    const from = one(range[1] as string);
    const to = one(range[2] as string);
    if (from && to && from <= to) return { from, to };
  }
  const start = /^\s*(?:fra|from|since|siden)\s+(.+?)\s*$/i.exec(text);
  const single = one(start ? (start[1] as string) : text);
  if (single) return { from: single };
  // English ranges the recognizer reads as a whole ("from yesterday until Friday").
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  for (const result of recognizeDateTime(text, Culture.English, undefined, new Date(year, month - 1, day, 12))) {
    const values = (result.resolution as { values?: Array<{ type: string; start?: string; end?: string }> } | undefined)?.values ?? [];
    // A range without a year ("12/24-12/31") comes as last year's and this year's: the one nearest today is meant.
    const starts = values.filter((value): value is { type: string; start: string; end?: string } => value.type === 'daterange' && Boolean(value.start));
    const nearest = starts.sort((a, b) => daysApart(a.start, today) - daysApart(b.start, today))[0];
    if (nearest) return nearest.end ? { from: nearest.start, to: nearest.end } : { from: nearest.start };
  }
  return undefined;
}

/** Whole days between two ISO dates, either way round. */
function daysApart(a: IsoDate, b: IsoDate): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}
