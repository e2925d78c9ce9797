import { createHash } from 'node:crypto';
import { escapeHtml } from '@kitajs/html';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { replyBody } from '../../bot/admin/alertRoutes.js';
import { pathId } from '../../bot/admin/jsonRoute.js';
import type { AlertActions } from '../../bot/alerts/alertActions.js';
import type { AlertInbox, InboxFilters } from '../../bot/alerts/alertInbox.js';
import { AppError } from '../../bot/errors.js';
import { type AlertView, alertView } from '../../domain/alertView.js';
import { AlertRow } from '../components/alertRow.js';
import { Layout, type PageContext } from '../components/layout.js';
import type { ConsoleGuard, StaffContext } from '../auth/guard.js';
import { consolePath, queryOf, redirect, sendHtml } from '../http.js';

export interface InboxDeps {
  guard: ConsoleGuard;
  inbox: AlertInbox;
  actions: AlertActions;
  now: () => Date;
}

/** How often an open inbox asks whether anything changed (an unchanged answer is an empty 204). */
export const LIVE_INTERVAL_SECONDS = 5;

const DONE = ['acknowledged', 'replied', 'resolved'] as const;
type Done = (typeof DONE)[number];

const inboxQuery = z.object({
  severity: z.enum(['CRISIS', 'URGENT', 'NORMAL']).optional().catch(undefined),
  status: z.enum(['waiting', 'OPEN', 'ACKNOWLEDGED']).default('waiting').catch('waiting'),
  citizen: z.uuid().optional().catch(undefined),
  done: z.enum(DONE).optional().catch(undefined),
  alert: z.uuid().optional().catch(undefined),
  error: z.enum(['replyRequired', 'alreadyResolved']).optional().catch(undefined),
  v: z.string().optional(),
});
type InboxQuery = z.infer<typeof inboxQuery>;

interface InboxModel {
  views: AlertView[];
  /** The citizens whose alerts are on the list, for the access log. */
  alerts: Array<{ citizenId: string }>;
  citizens: Array<{ id: string; name: string }>;
  query: InboxQuery;
  /** The list's filters as a query string (no notices), for links, the live URL and `back`. */
  filterQuery: string;
  /** Changes whenever anything a reader would see changes, including the minutes left. */
  version: string;
  notice?: { done: Done; citizen: string } | undefined;
}

function filterQueryOf(query: InboxQuery): string {
  const params = new URLSearchParams();
  if (query.severity) params.set('severity', query.severity);
  if (query.status !== 'waiting') params.set('status', query.status);
  if (query.citizen) params.set('citizen', query.citizen);
  return params.toString();
}

function titleOf(page: PageContext, count: number): string {
  return count > 0 ? page.t('inbox.titleWithCount', { count }) : page.t('inbox.title');
}

/** One filter: a labelled select whose options are value/label pairs, the current one selected. */
function FilterSelect(props: { name: string; label: string; options: Array<[string, string]>; selected: string }): JSX.Element {
  return (
    <div class="form-group">
      <label class="form-label" for={`filter-${props.name}`} safe>
        {props.label}
      </label>
      <select class="form-select" id={`filter-${props.name}`} name={props.name}>
        {props.options.map(([value, label]) => (
          <option value={value} selected={value === props.selected} safe>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Filters({ page, model }: { page: PageContext; model: InboxModel }): JSX.Element {
  const { t } = page;
  const { query } = model;
  const all: [string, string] = ['', t('inbox.all')];
  return (
    <form method="get" action="/console" class="inbox-filters" aria-label={t('inbox.filters')}>
      <FilterSelect
        name="severity"
        label={t('inbox.severity')}
        selected={query.severity ?? ''}
        options={[all, ...(['CRISIS', 'URGENT', 'NORMAL'] as const).map((severity): [string, string] => [severity, t(`translation:severity.${severity}`)])]}
      />
      <FilterSelect
        name="status"
        label={t('inbox.status')}
        selected={query.status}
        options={[
          ['waiting', t('inbox.waiting')],
          ['OPEN', t('alert.status.OPEN')],
          ['ACKNOWLEDGED', t('alert.status.ACKNOWLEDGED')],
        ]}
      />
      <FilterSelect
        name="citizen"
        label={t('inbox.citizen')}
        selected={query.citizen ?? ''}
        options={[all, ...model.citizens.map((citizen): [string, string] => [citizen.id, citizen.name])]}
      />
      <button type="submit" class="button button-secondary">
        {t('inbox.applyFilters')}
      </button>
      {model.filterQuery && <a href="/console">{t('inbox.clearFilters')}</a>}
    </form>
  );
}

/** The part of the inbox that refreshes itself: the count and the rows. The page is complete without the refresh. */
function LiveList({ page, model }: { page: PageContext; model: InboxModel }): JSX.Element {
  const { t } = page;
  const { views, query } = model;
  const back = `/console${model.filterQuery ? `?${model.filterQuery}` : ''}`;
  const live = `/console/inbox/live?${new URLSearchParams([...new URLSearchParams(model.filterQuery), ['v', model.version]]).toString()}`;
  const replyError = query.error === 'replyRequired' ? t('inbox.replyRequired') : undefined;
  return (
    <div id="inbox-live" hx-get={live} hx-trigger={`every ${LIVE_INTERVAL_SECONDS}s`} hx-swap="outerHTML">
      <p class="font-lead" safe>
        {views.length > 0 ? t('inbox.count', { count: views.length }) : t(model.filterQuery ? 'inbox.emptyFiltered' : 'inbox.empty')}
      </p>
      {views.length > 0 && (
        <ul class="alert-list nobullet-list">
          {views.map((view) => (
            <AlertRow page={page} view={view} back={back} replyError={query.alert === view.id ? replyError : undefined} />
          ))}
        </ul>
      )}
    </div>
  );
}

function Notice({ page, model }: { page: PageContext; model: InboxModel }): JSX.Element {
  const { t } = page;
  if (model.query.error === 'alreadyResolved') {
    return (
      <div class="alert alert-warning" role="status" tabindex="-1" data-autofocus>
        <div class="alert-body">
          <p class="alert-text">{t('inbox.alreadyResolved')}</p>
        </div>
      </div>
    );
  }
  if (!model.notice) return <></>;
  return (
    <div class="alert alert-success" role="status" tabindex="-1" data-autofocus>
      <div class="alert-body">
        <p class="alert-text" safe>
          {t(`inbox.done.${model.notice.done}`, { citizen: model.notice.citizen })}
        </p>
      </div>
    </div>
  );
}

function InboxPage({ page, model }: { page: PageContext; model: InboxModel }): JSX.Element {
  const { t } = page;
  return (
    <Layout page={page} title={titleOf(page, model.views.length)} current="inbox">
      <div hx-boost="true">
        <h1>{t('inbox.title')}</h1>
        <p>{t('inbox.intro')}</p>
        <Notice page={page} model={model} />
        <Filters page={page} model={model} />
        <LiveList page={page} model={model} />
      </div>
    </Layout>
  );
}

/** The inbox (the console's start page) and the three actions on an alert. */
export function registerInboxPage(server: Server, deps: InboxDeps): void {
  const { guard, actions } = deps;

  async function load(req: Request, ctx: StaffContext): Promise<InboxModel> {
    const query = inboxQuery.parse(queryOf(req));
    const filters: InboxFilters = { status: query.status, severity: query.severity, citizenId: query.citizen };
    const contents = await deps.inbox.list(ctx.principal, filters);
    const now = deps.now();
    const views = contents.alerts.map((alert) =>
      alertView(alert, { now, timeZone: contents.timeZone, locale: ctx.page.locale, viewer: { staffId: ctx.staff.id, role: ctx.staff.role }, t: ctx.page.t }),
    );
    const seen = views.map((view) => [view.id, view.status, view.title, view.timeLeftWords, view.escalatedToViewer]);
    const version = createHash('sha256').update(JSON.stringify(seen)).digest('hex').slice(0, 16);
    let notice: InboxModel['notice'];
    if (query.done && query.alert) {
      const alert = await actions.load(query.alert, ctx.principal).catch(() => undefined);
      if (alert) notice = { done: query.done, citizen: alert.citizen.displayName };
    }
    return { views, alerts: contents.alerts, citizens: contents.citizens, query, filterQuery: filterQueryOf(query), version, notice };
  }

  server.get('/console', guard.requireStaff()(async (req, res, ctx) => {
    const model = await load(req, ctx);
    await deps.inbox.viewed(ctx.principal, model.alerts);
    sendHtml(res, 200, await (<InboxPage page={ctx.page} model={model} />));
  }));

  // Polled by htmx: 204 (nothing to swap) while nothing changed; otherwise the fresh list and the title with the count.
  server.get('/console/inbox/live', guard.requireStaff()(async (req, res, ctx) => {
    const model = await load(req, ctx);
    if (model.query.v === model.version) {
      res.writeHead(204, { 'cache-control': 'no-store' });
      res.end();
      return;
    }
    await deps.inbox.viewed(ctx.principal, model.alerts);
    const title = `${titleOf(ctx.page, model.views.length)} – ${ctx.page.t('layout.serviceName')}`;
    sendHtml(res, 200, `<title>${escapeHtml(title)}</title>${await (<LiveList page={ctx.page} model={model} />)}`);
  }));

  const act = (verb: Done, run: (alertId: string, ctx: StaffContext) => Promise<void>) =>
    guard.requireStaff()(async (req: Request, res: Response, ctx) => {
      const alertId = pathId(req);
      const back = new URL(consolePath(ctx.form.back), 'http://console.invalid');
      for (const key of ['done', 'alert', 'error']) back.searchParams.delete(key);
      back.searchParams.set('alert', alertId);
      try {
        await run(alertId, ctx);
        back.searchParams.set('done', verb);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'BAD_REQUEST') throw error;
        back.searchParams.set('error', error.details?.text ? 'replyRequired' : 'alreadyResolved');
      }
      redirect(res, `${back.pathname}${back.search}${back.searchParams.get('error') === 'replyRequired' ? `#reply-${alertId}` : ''}`);
    });

  server.post('/console/alerts/:id/acknowledge', act('acknowledged', async (alertId, ctx) => {
    await actions.acknowledge(alertId, ctx.principal);
  }));
  server.post('/console/alerts/:id/resolve', act('resolved', async (alertId, ctx) => {
    await actions.resolve(alertId, ctx.principal);
  }));
  server.post('/console/alerts/:id/reply', act('replied', async (alertId, ctx) => {
    const parsed = replyBody.safeParse(ctx.form);
    if (!parsed.success) throw new AppError('BAD_REQUEST', { text: 'required' });
    await actions.reply(alertId, ctx.principal, parsed.data.text);
  }));
}
