import { randomUUID } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { type CitizenAdmin, type ImportedCitizen } from '../../bot/people/citizenAdmin.js';
import type { ImportPreview } from '../../domain/citizenImport.js';
import { letterView } from '../../domain/enrollmentLetter.js';
import { resolveLocale } from '../../locales/i18n.js';
import type { ConsoleGuard, StaffContext } from '../auth/guard.js';
import { FormField } from '../components/formField.js';
import { CsrfField, Layout, type PageContext } from '../components/layout.js';
import { sendHtml } from '../http.js';
import { Letter, qrSvg } from './letter.js';

export interface ImportPageDeps {
  guard: ConsoleGuard;
  citizens: CitizenAdmin;
  organisationName: string;
  publicUrl: string | undefined;
  timeZone: () => Promise<string>;
}

/** The largest file the page accepts, in characters: well above a job centre's intake, well below the body limit. */
const MAX_CSV_CHARS = 200_000;

function ImportForm({ page, csv, error }: { page: PageContext; csv: string; error?: string | undefined }): JSX.Element {
  const { t } = page;
  return (
    <form method="post" action="/console/import/preview" novalidate>
      <CsrfField page={page} />
      <FormField id="import-csv" label={t('import.csv')} hint={t('import.csvHint')} error={error}>
        {(describedBy) => (
          <textarea class="form-input import-csv" id="import-csv" name="csv" rows="10" spellcheck="false" aria-describedby={describedBy} safe>
            {csv}
          </textarea>
        )}
      </FormField>
      <button type="submit" class="button button-primary">
        {t('import.check')}
      </button>
    </form>
  );
}

function PreviewTable({ page, preview }: { page: PageContext; preview: ImportPreview }): JSX.Element {
  const { t } = page;
  return (
    <div class="table--responsive-scroll" tabindex="0" role="region" aria-label={t('import.previewTitle')}>
      <table class="table table--compact stacked-table">
        <caption>{t('import.previewTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.line')}</th>
            <th scope="col">{t('import.name')}</th>
            <th scope="col">{t('import.caseworker')}</th>
            <th scope="col">{t('import.programme')}</th>
            <th scope="col">{t('import.language')}</th>
            <th scope="col">{t('import.status')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => (
            <tr class={row.problems.length > 0 ? 'import-bad' : undefined}>
              <th scope="row" data-label={t('import.line')}>
                {String(row.line)}
              </th>
              <td data-label={t('import.name')} safe>
                {row.name || '—'}
              </td>
              <td data-label={t('import.caseworker')} safe>
                {row.caseworkerEmail || '—'}
              </td>
              <td data-label={t('import.programme')} safe>
                {row.programme ?? '—'}
              </td>
              <td data-label={t('import.language')} safe>
                {t(`import.locales.${row.locale}`)}
              </td>
              <td data-label={t('import.status')} safe>
                {row.problems.length === 0 ? t('import.ok') : row.problems.map((problem) => t(`import.problems.${problem}`)).join(' ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ImportPage({ page, csv, preview }: { page: PageContext; csv: string; preview?: ImportPreview | undefined }): JSX.Element {
  const { t } = page;
  const bad = preview ? preview.rows.filter((row) => row.problems.length > 0) : [];
  const clean = preview !== undefined && preview.headerProblem === null && bad.length === 0;
  return (
    <Layout page={page} title={t('import.title')} current="citizens">
      <h1>{t('import.title')}</h1>
      <p>{t('import.lead')}</p>
      {preview && !clean && (
        <div class="alert alert-error" role="alert">
          <p class="alert-text" safe>
            {preview.headerProblem ? t(`import.${preview.headerProblem}`) : t('import.badRows', { lines: bad.map((row) => row.line).join(', '), count: bad.length })}
          </p>
        </div>
      )}
      {preview && preview.rows.length > 0 && <PreviewTable page={page} preview={preview} />}
      {clean && (
        <form method="post" action="/console/import" class="import-confirm">
          <CsrfField page={page} />
          <input type="hidden" name="csv" value={csv} />
          <input type="hidden" name="importId" value={randomUUID()} />
          <p safe>{t('import.ready', { count: preview.rows.length })}</p>
          <button type="submit" class="button button-primary">
            {t('import.save', { count: preview.rows.length })}
          </button>
        </form>
      )}
      <ImportForm page={page} csv={csv} error={preview && !clean ? t('import.fix') : undefined} />
    </Layout>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A reload of the letters re-posts the form: nothing is saved twice, and the codes cannot be shown again. */
function AlreadySavedPage({ page }: { page: PageContext }): JSX.Element {
  const t = page.t;
  return (
    <Layout page={page} title={t('import.alreadySavedTitle')}>
      <h1 safe>{t('import.alreadySavedTitle')}</h1>
      <p safe>{t('import.alreadySaved')}</p>
      <p>
        <a href="/console/all-citizens" safe>{t('import.toCitizens')}</a>
      </p>
    </Layout>
  );
}

/** The letters of everyone just imported, one per sheet, in one printable document. */
async function LettersPage({ page, letters }: { page: PageContext; letters: Array<{ imported: ImportedCitizen; view: ReturnType<typeof letterView>; qr: string }> }): Promise<JSX.Element> {
  const { t } = page;
  return (
    <Layout page={page} title={t('import.lettersTitle', { count: letters.length })} current="citizens">
      <div class="letter-tools" role="group" aria-label={t('letter.print')}>
        <p safe>{t('import.lettersLead', { count: letters.length })}</p>
        <button type="button" class="button button-primary" data-print hidden>
          {t('letter.print')}
        </button>
      </div>
      {letters.map((letter, index) => (
        <Letter view={letter.view} qr={letter.qr} locale={resolveLocale(letter.imported.locale)} index={index} />
      ))}
    </Layout>
  );
}

/** Bulk import of citizens from CSV: check and preview (nothing saved), then save all at once and print the letters. */
export function registerImportPage(server: Server, deps: ImportPageDeps): void {
  const coordinator = deps.guard.requireStaff('COORDINATOR');
  const csvOf = (ctx: StaffContext) => (ctx.form.csv ?? '').slice(0, MAX_CSV_CHARS);
  const previewPage = async (res: Response, ctx: StaffContext) => {
    const csv = csvOf(ctx);
    const preview = await deps.citizens.preview(ctx.principal, csv);
    sendHtml(res, preview.headerProblem === null && preview.rows.every((row) => row.problems.length === 0) ? 200 : 400, String(await (<ImportPage page={ctx.page} csv={csv} preview={preview} />)));
  };

  server.get('/console/import', coordinator(async (_req, res, ctx) => {
    sendHtml(res, 200, String(await (<ImportPage page={ctx.page} csv="" />)));
  }));

  server.post('/console/import/preview', coordinator(async (_req, res, ctx) => previewPage(res, ctx)));

  // The codes exist only in this answer (only hashes are kept), so the letters are the POST's own page.
  server.post('/console/import', coordinator(async (req: Request, res, ctx) => {
    const importId = ctx.form.importId ?? '';
    if (!UUID.test(importId)) return previewPage(res, ctx);
    const { imported, alreadySaved } = await deps.citizens.import(ctx.principal, csvOf(ctx), importId);
    if (alreadySaved) return sendHtml(res, 409, String(await (<AlreadySavedPage page={ctx.page} />)));
    if (imported.length === 0) return previewPage(res, ctx);
    const timeZone = await deps.timeZone();
    const baseUrl = deps.publicUrl ?? `${deps.guard.isHttps(req) ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
    const letters = await Promise.all(
      imported.map(async (citizen) => {
        const view = letterView({ ...citizen, organisationName: deps.organisationName }, { baseUrl, timeZone, locale: resolveLocale(citizen.locale) });
        return { imported: citizen, view, qr: await qrSvg(view.link) };
      }),
    );
    sendHtml(res, 201, String(await LettersPage({ page: ctx.page, letters })));
  }));
}
