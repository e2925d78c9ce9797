import type { Server } from 'restify';
import { z } from 'zod';
import type { CaseloadService } from '../../bot/admin/caseloadService.js';
import { byNeed, type CaseloadRow, caseloadRow, matchesName } from '../../domain/caseload.js';
import type { ConsoleGuard } from '../auth/guard.js';
import { Layout, type PageContext } from '../components/layout.js';
import { queryOf, sendHtml } from '../http.js';

export interface CaseloadDeps {
  guard: ConsoleGuard;
  caseload: CaseloadService;
  now: () => Date;
}

const caseloadQuery = z.object({ q: z.string().trim().max(100).default('').catch('') });

interface CaseloadModel {
  rows: CaseloadRow[];
  query: string;
  /** Coordinators see everyone, with each citizen's caseworker. */
  all: boolean;
}

function SearchForm({ page, query }: { page: PageContext; query: string }): JSX.Element {
  const { t } = page;
  return (
    <form method="get" action="/console/citizens" class="caseload-search" role="search">
      <div class="form-group">
        <label class="form-label" for="caseload-q">
          {t('caseload.search')}
        </label>
        <input class="form-input input-width-l" type="search" id="caseload-q" name="q" value={query} autocomplete="off" />
      </div>
      <button type="submit" class="button button-secondary">
        {t('caseload.searchButton')}
      </button>
      {query && <a href="/console/citizens">{t('caseload.clearSearch')}</a>}
    </form>
  );
}

function CaseloadTable({ page, model }: { page: PageContext; model: CaseloadModel }): JSX.Element {
  const { t } = page;
  const column = (key: string) => t(`caseload.column.${key}`);
  return (
    <table class="table table--zebra table--responsive-headers caseload-table">
      <caption class="sr-only" safe>
        {t('caseload.count', { count: model.rows.length })}
      </caption>
      <thead>
        <tr>
          <th scope="col">{column('name')}</th>
          {model.all && <th scope="col">{column('caseworker')}</th>}
          <th scope="col">{column('alerts')}</th>
          <th scope="col">{column('lastMessage')}</th>
          <th scope="col">{column('nextReminder')}</th>
          <th scope="col">{column('consent')}</th>
          <th scope="col">{column('checkIn')}</th>
          <th scope="col">{column('factorF')}</th>
        </tr>
      </thead>
      <tbody>
        {model.rows.map((row) => (
          <tr>
            <th scope="row" data-title={column('name')}>
              <a href={row.path} safe>
                {row.name}
              </a>
            </th>
            {model.all && (
              <td data-title={column('caseworker')} safe>
                {row.caseworkerName}
              </td>
            )}
            <td data-title={column('alerts')} class={row.mostSevere ? `severity-${row.mostSevere.toLowerCase()}` : undefined}>
              {row.openAlerts > 0 ? (
                <a href={`/console?citizen=${row.citizenId}`} safe>
                  {row.openAlertsWords}
                </a>
              ) : (
                <span safe>{row.openAlertsWords}</span>
              )}
            </td>
            <td data-title={column('lastMessage')} safe>
              {row.lastMessageWords}
            </td>
            <td data-title={column('nextReminder')}>
              <span safe>{row.nextReminderWords}</span>
              {row.reminderStatusWords
                .filter((words) => words !== row.nextReminderWords)
                .map((words) => (
                  <span class="badge badge-warning caseload-badge" safe>
                    {words}
                  </span>
                ))}
            </td>
            <td data-title={column('consent')} safe>
              {row.consentWords}
            </td>
            <td data-title={column('checkIn')}>
              <span safe>{row.checkInWords}</span>
              {row.directionWords && (
                <span class={`direction direction-${row.direction}`} safe>
                  {` (${row.directionWords})`}
                </span>
              )}
            </td>
            <td data-title={column('factorF')} safe>
              {row.factorFWords}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CaseloadPage({ page, model }: { page: PageContext; model: CaseloadModel }): JSX.Element {
  const { t } = page;
  const title = t(model.all ? 'caseload.titleAll' : 'caseload.title');
  return (
    <Layout page={page} title={title} current="citizens">
      <h1 safe>{title}</h1>
      <p>{t(model.all ? 'caseload.introAll' : 'caseload.intro')}</p>
      <SearchForm page={page} query={model.query} />
      {model.rows.length > 0 ? (
        <>
          <p class="font-lead" safe>
            {t('caseload.count', { count: model.rows.length })}
          </p>
          <CaseloadTable page={page} model={model} />
        </>
      ) : (
        <p class="font-lead" safe>
          {model.query ? t('caseload.noneFound', { query: model.query }) : t('caseload.empty')}
        </p>
      )}
    </Layout>
  );
}

/** "Borgere": the caseworker's citizens (a coordinator's: everyone), those who need them first; search by name. */
export function registerCaseloadPage(server: Server, deps: CaseloadDeps): void {
  server.get('/console/citizens', deps.guard.requireStaff()(async (req, res, ctx) => {
    const { q } = caseloadQuery.parse(queryOf(req));
    const { citizens, timeZone } = await deps.caseload.list(ctx.principal);
    const context = { now: deps.now(), timeZone, locale: ctx.page.locale, t: ctx.page.t };
    const rows = citizens
      .filter((facts) => matchesName(facts.name, q))
      .sort(byNeed)
      .map((facts) => caseloadRow(facts, context));
    sendHtml(res, 200, await (<CaseloadPage page={ctx.page} model={{ rows, query: q, all: ctx.staff.role === 'COORDINATOR' }} />));
  }));
}
