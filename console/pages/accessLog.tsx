import type { Server } from 'restify';
import { ACCESS_CATEGORIES, type AccessLogQuery, accessLogQuery } from '../../domain/privacy/accessLog.js';
import { type AccessRowView, accessRowViews } from '../../domain/privacy/consoleViews.js';
import type { ConsoleGuard } from '../auth/guard.js';
import { Layout, type PageContext } from '../components/layout.js';
import { queryOf, sendHtml } from '../http.js';
import type { PrivacyConsoleServices } from './privacyServices.js';

export interface AccessLogPageDeps {
  guard: ConsoleGuard;
  privacy: PrivacyConsoleServices;
}

/** At most this many rows on the page, newest first; filters narrow it down. */
const PAGE_ROWS = 200;

interface AccessLogModel {
  rows: AccessRowView[];
  citizens: Array<{ id: string; name: string }>;
  staff: Array<{ id: string; name: string }>;
  /** The filters as typed (strings), to show them again; invalid ones are dropped. */
  values: Record<string, string>;
}

function Select({ page, name, label, options, value }: { page: PageContext; name: string; label: string; options: Array<{ value: string; label: string }>; value: string | undefined }): JSX.Element {
  return (
    <div class="form-group">
      <label class="form-label" for={`f-${name}`} safe>
        {label}
      </label>
      <select class="form-select" id={`f-${name}`} name={name}>
        <option value="">{page.t('privacyPages.accessLog.all')}</option>
        {options.map((option) => (
          <option value={option.value} selected={option.value === value} safe>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function DateField({ page, name, label, value }: { page: PageContext; name: string; label: string; value: string | undefined }): JSX.Element {
  return (
    <div class="form-group">
      <label class="form-label" for={`f-${name}`} safe>
        {label}
      </label>
      <span class="form-hint" id={`f-${name}-hint`}>
        {page.t('privacyPages.accessLog.dateHint')}
      </span>
      <input class="form-input input-width-s" type="date" id={`f-${name}`} name={name} value={value ?? ''} aria-describedby={`f-${name}-hint`} />
    </div>
  );
}

function AccessLogPage({ page, model }: { page: PageContext; model: AccessLogModel }): JSX.Element {
  const { t } = page;
  const columns = [t('privacyPages.accessLog.when'), t('privacyPages.accessLog.citizen'), t('privacyPages.accessLog.who'), t('privacyPages.accessLog.role'), t('privacyPages.accessLog.what'), t('privacyPages.accessLog.why')];
  return (
    <Layout page={page} title={t('privacyPages.accessLog.title')} current="privacy">
      <h1>{t('privacyPages.accessLog.title')}</h1>
      <p>{t('privacyPages.accessLog.intro')}</p>
      <form method="get" action="/console/access-log" class="access-log-filters" aria-label={t('privacyPages.accessLog.filters')}>
        <Select page={page} name="citizenId" label={t('privacyPages.accessLog.citizen')} options={model.citizens.map((c) => ({ value: c.id, label: c.name }))} value={model.values.citizenId} />
        <Select page={page} name="staffId" label={t('privacyPages.accessLog.staff')} options={model.staff.map((s) => ({ value: s.id, label: s.name }))} value={model.values.staffId} />
        <Select page={page} name="category" label={t('privacyPages.accessLog.categoryLabel')} options={ACCESS_CATEGORIES.map((c) => ({ value: c, label: t(`privacyPages.accessLog.category.${c}`) }))} value={model.values.category} />
        <DateField page={page} name="from" label={t('privacyPages.accessLog.from')} value={model.values.from} />
        <DateField page={page} name="to" label={t('privacyPages.accessLog.to')} value={model.values.to} />
        <button type="submit" class="button button-secondary">
          {t('privacyPages.accessLog.show')}
        </button>
      </form>
      {model.rows.length === 0 ? (
        <p>{t('privacyPages.accessLog.none')}</p>
      ) : (
        <>
          <p>{t('privacyPages.accessLog.limit', { count: model.rows.length })}</p>
          <table class="table table--zebra table--responsive-headers">
            <thead>
              <tr>
                {columns.map((column) => (
                  <th scope="col" safe>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {model.rows.map((row) => (
                <tr>
                  {[row.when, row.citizen, row.who, row.role, row.what, row.why].map((cell, index) => (
                    <td data-title={columns[index]} safe>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Layout>
  );
}

/** Keeps the filters that are valid, each on its own: one bad date does not throw away the others. */
function validFilters(raw: Record<string, string>): { filter: AccessLogQuery; values: Record<string, string> } {
  const filter: Record<string, unknown> = {};
  const values: Record<string, string> = {};
  for (const key of ['citizenId', 'staffId', 'category', 'from', 'to'] as const) {
    const value = raw[key];
    if (!value) continue;
    const parsed = accessLogQuery.shape[key].safeParse(value);
    if (parsed.success) {
      filter[key] = parsed.data;
      values[key] = value;
    }
  }
  return { filter: filter as AccessLogQuery, values };
}

/** Coordinators read the access log, filtered by citizen, staff member, kind of read and dates. */
export function registerAccessLogPage(server: Server, deps: AccessLogPageDeps): void {
  const { guard, privacy } = deps;
  server.get('/console/access-log', guard.requireStaff('COORDINATOR')(async (req, res, ctx) => {
    const { filter, values } = validFilters(queryOf(req));
    const organisationId = ctx.principal.organisationId;
    const [rows, choices, timeZone] = await Promise.all([
      privacy.accessLog.search(organisationId, filter, PAGE_ROWS),
      privacy.accessLog.filterChoices(organisationId),
      privacy.timeZoneOf(organisationId),
    ]);
    const names = new Map(choices.citizens.map((citizen) => [citizen.id, citizen.name]));
    const views = accessRowViews(
      rows.map((row) => ({ at: row.at, citizenId: row.citizenId, staffName: row.staff?.name ?? null, role: row.role, category: row.category, reason: row.reason })),
      names,
      ctx.page.locale,
      timeZone,
      ctx.page.t,
    );
    sendHtml(res, 200, await (<AccessLogPage page={ctx.page} model={{ rows: views, citizens: choices.citizens, staff: choices.staff, values }} />));
  }));
}
