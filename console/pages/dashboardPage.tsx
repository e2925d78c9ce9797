import type { Server } from 'restify';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { AnswerDashboard, AnswerDashboardService } from '../../bot/admin/answerDashboard.js';
import { readOrganisationSettings } from '../../bot/settings/organisationSettings.js';
import type { PrismaClient } from '../../bot/data/generated/client.js';
import type { AnswerFigures } from '../../domain/alertMetrics.js';
import type { ConsoleGuard } from '../auth/guard.js';
import { Layout, type PageContext } from '../components/layout.js';
import { queryOf, sendHtml } from '../http.js';
import { SEVERITIES } from './settingsForms.js';

export interface DashboardPageDeps {
  guard: ConsoleGuard;
  prisma: PrismaClient;
  dashboard: AnswerDashboardService;
  now: () => Date;
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const periodQuery = z.object({ from: day.optional().catch(undefined), to: day.optional().catch(undefined) });

/** The period asked for, as calendar days in the organisation's zone (default: the last 30 days, today included). */
export function periodOf(query: Record<string, string>, now: Date, timeZone: string): { fromDay: string; toDay: string; from: Date; to: Date } {
  const parsed = periodQuery.parse(query);
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  let toDay = parsed.to ? DateTime.fromISO(parsed.to, { zone: timeZone }) : today;
  let fromDay = parsed.from ? DateTime.fromISO(parsed.from, { zone: timeZone }) : toDay.minus({ days: 29 });
  if (!toDay.isValid) toDay = today;
  if (!fromDay.isValid || fromDay > toDay) fromDay = toDay.minus({ days: 29 });
  return { fromDay: fromDay.toISODate() as string, toDay: toDay.toISODate() as string, from: fromDay.toJSDate(), to: toDay.plus({ days: 1 }).toJSDate() };
}

const COLUMNS = ['raised', 'median', 'p90', 'within', 'escalations', 'open', 'oldestOpen'] as const;

function cells(figures: AnswerFigures, locale: string): string[] {
  const number = (value: number | null) => (value === null ? '–' : value.toLocaleString(locale === 'da' ? 'da-DK' : 'en-GB'));
  const share = (value: number | null) => (value === null ? '–' : `${Math.round(value * 100)} %`);
  return [
    String(figures.raised),
    number(figures.medianMinutesToAcknowledge),
    number(figures.p90MinutesToAcknowledge),
    share(figures.withinResponseTimeShare),
    String(figures.escalations),
    String(figures.open),
    number(figures.oldestOpenMinutes),
  ];
}

/** Rows of the two tables (and the CSV): a label and its figures. */
function rowsOf(page: PageContext, model: AnswerDashboard) {
  return {
    severity: SEVERITIES.map((severity) => ({ label: page.t(`translation:severity.${severity}`), figures: model.bySeverity[severity] })),
    caseworker: model.byCaseworker.map((row) => ({ label: row.name, figures: row.figures })),
  };
}

function FiguresTable({ page, caption, first, rows }: { page: PageContext; caption: string; first: string; rows: Array<{ label: string; figures: AnswerFigures }> }): JSX.Element {
  const { t } = page;
  return (
    <div class="table--responsive-scroll" tabindex="0" role="region" aria-label={caption}>
      <table class="table table--compact">
        <caption safe>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {first}
            </th>
            {COLUMNS.map((column) => (
              <th scope="col" class="text-align-right" safe>
                {t(`dashboard.columns.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <th scope="row" safe>
                {row.label}
              </th>
              {cells(row.figures, page.locale).map((cell) => (
                <td class="text-align-right" safe>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A bar per severity: the share answered within the response time. Decorative; the table holds the same numbers. */
function WithinChart({ page, model }: { page: PageContext; model: AnswerDashboard }): JSX.Element {
  return (
    <figure class="dashboard-chart" aria-hidden="true">
      {SEVERITIES.map((severity) => {
        const share = model.bySeverity[severity].withinResponseTimeShare;
        const percent = share === null ? 0 : Math.round(share * 100);
        return (
          <div class="dashboard-bar">
            <span class="dashboard-bar-label" safe>
              {page.t(`translation:severity.${severity}`)}
            </span>
            <span class="dashboard-bar-track">
              <span class={`dashboard-bar-fill dashboard-bar-width-${Math.round(percent / 5) * 5}`}></span>
            </span>
            <span class="dashboard-bar-value">{share === null ? '–' : `${percent} %`}</span>
          </div>
        );
      })}
    </figure>
  );
}

function DashboardPage({ page, model, period }: { page: PageContext; model: AnswerDashboard; period: { fromDay: string; toDay: string } }): JSX.Element {
  const { t } = page;
  const rows = rowsOf(page, model);
  const csv = `/console/dashboard.csv?from=${period.fromDay}&to=${period.toDay}`;
  return (
    <Layout page={page} title={t('dashboard.title')} current="dashboard">
      <h1>{t('dashboard.title')}</h1>
      <p class="font-lead">{t('dashboard.lead')}</p>
      <form method="get" action="/console/dashboard" class="inbox-filters">
        <div class="form-group">
          <label class="form-label" for="period-from">
            {t('dashboard.from')}
          </label>
          <input class="form-input" type="date" id="period-from" name="from" value={period.fromDay} />
        </div>
        <div class="form-group">
          <label class="form-label" for="period-to">
            {t('dashboard.to')}
          </label>
          <input class="form-input" type="date" id="period-to" name="to" value={period.toDay} />
        </div>
        <button type="submit" class="button button-secondary">
          {t('dashboard.show')}
        </button>
      </form>
      <h2>{t('dashboard.withinTitle')}</h2>
      <WithinChart page={page} model={model} />
      <FiguresTable page={page} caption={t('dashboard.bySeverity')} first={t('dashboard.severity')} rows={rows.severity} />
      <FiguresTable page={page} caption={t('dashboard.byCaseworker')} first={t('dashboard.caseworker')} rows={rows.caseworker} />
      <p class="form-hint">{t('dashboard.minutesNote')}</p>
      <h2>{t('dashboard.citizensTitle')}</h2>
      <ul>
        <li safe>{t('dashboard.silenced', { count: model.silencedCitizens })}</li>
        <li safe>
          {model.checkIns.rate === null
            ? t('dashboard.checkInsNone')
            : t('dashboard.checkIns', { completed: model.checkIns.completed, invited: model.checkIns.invited, percent: Math.round(model.checkIns.rate * 100) })}
        </li>
      </ul>
      <p>
        <a href={csv}>{t('dashboard.csv')}</a>
      </p>
    </Layout>
  );
}

/** The same figures as CSV for a spreadsheet: one line per severity and per caseworker. */
export function dashboardCsv(page: PageContext, model: AnswerDashboard): string {
  const rows = rowsOf(page, model);
  const quote = (value: string) => (/[",;\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const raw = (figures: AnswerFigures) =>
    [figures.raised, figures.medianMinutesToAcknowledge, figures.p90MinutesToAcknowledge, figures.withinResponseTimeShare, figures.escalations, figures.open, figures.oldestOpenMinutes].map((value) =>
      value === null ? '' : String(value),
    );
  const header = ['group', 'name', ...COLUMNS].join(',');
  const lines = [
    ...rows.severity.map((row) => ['severity', row.label, ...raw(row.figures)]),
    ...rows.caseworker.map((row) => ['caseworker', row.label, ...raw(row.figures)]),
  ].map((line) => line.map(quote).join(','));
  return `${[header, ...lines].join('\r\n')}\r\n`;
}

/** "How we answer": the coordinators' dashboard of response times, with a CSV download. */
export function registerDashboardPage(server: Server, deps: DashboardPageDeps): void {
  const { guard } = deps;
  const load = async (query: Record<string, string>, organisationId: string, principal: Parameters<AnswerDashboardService['forPeriod']>[0]) => {
    const { businessHours } = await readOrganisationSettings(deps.prisma, organisationId);
    const period = periodOf(query, deps.now(), businessHours.timeZone);
    return { period, model: await deps.dashboard.forPeriod(principal, period.from, period.to) };
  };

  server.get('/console/dashboard', guard.requireStaff('COORDINATOR')(async (req, res, ctx) => {
    const { period, model } = await load(queryOf(req), ctx.principal.organisationId, ctx.principal);
    sendHtml(res, 200, String(await (<DashboardPage page={ctx.page} model={model} period={period} />)));
  }));

  server.get('/console/dashboard.csv', guard.requireStaff('COORDINATOR')(async (req, res, ctx) => {
    const { period, model } = await load(queryOf(req), ctx.principal.organisationId, ctx.principal);
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="svartider-${period.fromDay}-${period.toDay}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(`\uFEFF${dashboardCsv(ctx.page, model)}`);
  }));
}
