import Holidays from 'date-holidays';
import type { IsoDate } from './dates.js';

const cache = new Map<string, Set<IsoDate>>();

/** Public holidays of a country (ISO 3166 code, default Denmark), from the maintained date-holidays data. */
export function publicHolidays(country = 'DK'): (date: IsoDate) => boolean {
  const calendar = new Holidays(country);
  return (date) => {
    const year = date.slice(0, 4);
    const key = `${country}-${year}`;
    let dates = cache.get(key);
    if (!dates) {
      dates = new Set(
        calendar
          .getHolidays(Number(year))
          .filter((holiday) => holiday.type === 'public')
          .map((holiday) => holiday.date.slice(0, 10)),
      );
      cache.set(key, dates);
    }
    return dates.has(date);
  };
}
