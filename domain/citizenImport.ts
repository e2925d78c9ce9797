/** One row of a citizen import, as read and checked; `problems` are message keys, empty when the row can be saved. */
export interface ImportRow {
  /** The line in the file (1 = the header), so the coordinator can find it. */
  line: number;
  name: string;
  caseworkerEmail: string;
  caseworkerId: string | null;
  programme: string | null;
  locale: 'da' | 'en';
  problems: ImportProblem[];
}

export type ImportProblem = 'nameMissing' | 'nameTooLong' | 'caseworkerUnknown' | 'caseworkerInactive' | 'localeUnknown' | 'programmeTooLong' | 'columnsMissing';

export interface ImportPreview {
  rows: ImportRow[];
  /** Set when the header lacks a needed column: nothing can be read. */
  headerProblem: 'noHeader' | 'noRows' | null;
}

/** Column names a coordinator's spreadsheet may use, Danish or English. */
const COLUMNS: Record<'name' | 'caseworker' | 'programme' | 'locale', string[]> = {
  name: ['navn', 'name', 'borger', 'citizen'],
  caseworker: ['sagsbehandler', 'caseworker', 'caseworker e-mail', 'caseworker email', 'sagsbehandler e-mail', 'sagsbehandlers e-mail', 'e-mail', 'email'],
  programme: ['forløb', 'programme', 'program', 'ydelse'],
  locale: ['sprog', 'locale', 'language'],
};

const LOCALES: Record<string, 'da' | 'en'> = { '': 'da', da: 'da', dansk: 'da', danish: 'da', en: 'en', engelsk: 'en', english: 'en' };

/** Splits CSV text into rows of fields: quoted fields, doubled quotes, CRLF; the delimiter is `;` or `,` (Danish Excel uses `;`). */
export function parseCsv(text: string): string[][] {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < clean.length; index++) {
    const char = clean[index] as string;
    if (quoted) {
      if (char === '"' && clean[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === delimiter) {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && clean[index + 1] === '\n') index++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((fields) => fields.some((value) => value.trim() !== ''));
}

/**
 * Reads and checks a citizen import before anything is saved: every row's problems are named, so the preview can show
 * them all. `caseworkers` maps lower-case e-mail addresses to staff.
 */
export function previewCitizenImport(text: string, caseworkers: ReadonlyMap<string, { id: string; active: boolean }>): ImportPreview {
  const [header, ...body] = parseCsv(text);
  if (!header) return { rows: [], headerProblem: 'noRows' };
  const names = header.map((value) => value.trim().toLowerCase());
  const column = (key: keyof typeof COLUMNS) => names.findIndex((name) => COLUMNS[key].includes(name));
  const at = { name: column('name'), caseworker: column('caseworker'), programme: column('programme'), locale: column('locale') };
  if (at.name < 0 || at.caseworker < 0) return { rows: [], headerProblem: 'noHeader' };
  if (body.length === 0) return { rows: [], headerProblem: 'noRows' };
  const rows = body.map((fields, index): ImportRow => {
    const value = (position: number) => (position < 0 ? '' : (fields[position] ?? '').trim());
    const problems: ImportProblem[] = [];
    const name = value(at.name);
    const caseworkerEmail = value(at.caseworker).toLowerCase();
    const caseworker = caseworkers.get(caseworkerEmail);
    const localeText = value(at.locale).toLowerCase();
    const programme = value(at.programme);
    if (fields.length < Math.max(at.name, at.caseworker) + 1) problems.push('columnsMissing');
    if (!name) problems.push('nameMissing');
    if (name.length > 200) problems.push('nameTooLong');
    if (!caseworker) problems.push('caseworkerUnknown');
    else if (!caseworker.active) problems.push('caseworkerInactive');
    if (!(localeText in LOCALES)) problems.push('localeUnknown');
    if (programme.length > 100) problems.push('programmeTooLong');
    return {
      line: index + 2,
      name,
      caseworkerEmail,
      caseworkerId: caseworker?.id ?? null,
      programme: programme || null,
      locale: LOCALES[localeText] ?? 'da',
      problems: [...new Set(problems)],
    };
  });
  return { rows, headerProblem: null };
}

/** True when every row can be saved: the import is all or nothing. */
export function importIsClean(preview: ImportPreview): boolean {
  return preview.headerProblem === null && preview.rows.every((row) => row.problems.length === 0);
}
