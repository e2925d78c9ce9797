/** A place to turn in a crisis, shown in the citizen's language. */
export interface CrisisContact {
  name: { da: string; en: string };
  phone: string;
  note?: { da: string; en: string };
}

/**
 * Defaults checked against the official sources on 2026-11-23: 112 (danger to life);
 * Livslinien (suicide-prevention line; it cannot answer every call, so never the only option);
 * Akuttelefonen 1813 in the Capital Region, which also guides to acute psychiatric help.
 * Each municipality replaces or extends them (its own acute number, its region's line) in its settings.
 */
export const DEFAULT_CRISIS_CONTACTS: CrisisContact[] = [
  { name: { da: 'Alarmcentralen', en: 'Emergency' }, phone: '112', note: { da: 'ved fare for liv', en: 'if a life is in danger' } },
  {
    name: { da: 'Livslinien', en: 'Livslinien (suicide prevention line)' },
    phone: '70 201 201',
    note: { da: 'alle dage kl. 11-05', en: 'every day 11:00-05:00' },
  },
  {
    name: { da: 'Akuttelefonen 1813 (Region Hovedstaden)', en: 'Acute line 1813 (Capital Region)' },
    phone: '1813',
    note: { da: 'døgnet rundt, også akut psykiatrisk hjælp', en: 'day and night, also acute psychiatric help' },
  },
];

/**
 * The contacts as tappable lines, 112 first: "**[112](tel:112)** – Alarmcentralen (ved fare for liv)".
 * One paragraph each: Web Chat's Markdown joins single line breaks, and Teams on phones shows no lists.
 */
export function crisisContactLines(contacts: readonly CrisisContact[], locale: 'da' | 'en'): string {
  return contacts
    .map((contact) => {
      const note = contact.note?.[locale] ? ` (${contact.note[locale]})` : '';
      return `**[${contact.phone}](tel:${contact.phone.replace(/\s/g, '')})** – ${contact.name[locale]}${note}`;
    })
    .join('\n\n');
}
