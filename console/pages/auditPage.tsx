import type { Server } from 'restify';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { AuditEntry, AuditTrail } from '../../bot/admin/auditTrail.js';
import type { PrismaClient } from '../../bot/data/generated/client.js';
import { readOrganisationSettings } from '../../bot/settings/organisationSettings.js';
import type { ConsoleGuard } from '../auth/guard.js';
import { Layout, type PageContext } from '../components/layout.js';
import { queryOf, sendHtml } from '../http.js';

export interface AuditPageDeps {
  guard: ConsoleGuard;
  prisma: PrismaClient;
  trail: AuditTrail;
}

const PAGE_SIZE = 50;
/** The actions one can filter by: a family ("staff") or one action. */
export const AUDIT_ACTIONS = ['settings.changed', 'staff', 'citizen', 'alert', 'alerts.handed-over', 'schedule.changed', 'enrollment', 'token.issued'] as const;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const auditQuery = z.object({
  person: z.uuid().optional().catch(undefined),
  citizen: z.uuid().optional().catch(undefined),
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).default(1).catch(1),
});
type AuditQuery = z.infer<typeof auditQuery>;

interface AuditModel {
  query: AuditQuery;
  entries: AuditEntry[];
  more: boolean;
  people: Array<{ id: string; name: string }>;
  citizens: Array<{ id: string; name: string }>;
  timeZone: string;
}

const shown = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value));

function Select({ id, label, name, options, selected }: { id: string; label: string; name: string; options: Array<{ value: string; label: string }>; selected: string | undefined }): JSX.Element {
  return (
    <div class="form-group">
      <label class="form-label" for={id} safe>
        {label}
      </label>
      <select class="form-select" id={id} name={name}>
        {options.map((option) => (
          <option value={option.value} selected={(selected ?? '') === option.value} safe>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function AuditPage({ page, model }: { page: PageContext; model: AuditModel }): JSX.Element {
  const { t } = page;
  const { query } = model;
  const all = { value: '', label: t('audit.all') };
  const next = new URLSearchParams(Object.entries({ ...query, page: String(query.page + 1) }).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return (
    <Layout page={page} title={t('audit.title')} current="audit">
      <h1>{t('audit.title')}</h1>
      <p class="font-lead">{t('audit.lead')}</p>
      <form method="get" action="/console/audit" class="inbox-filters">
        <Select id="audit-person" name="person" label={t('audit.person')} selected={query.person} options={[all, ...model.people.map((person) => ({ value: person.id, label: person.name }))]} />
        <Select id="audit-citizen" name="citizen" label={t('audit.citizen')} selected={query.citizen} options={[all, ...model.citizens.map((citizen) => ({ value: citizen.id, label: citizen.name }))]} />
        <Select id="audit-action" name="action" label={t('audit.action')} selected={query.action} options={[all, ...AUDIT_ACTIONS.map((action) => ({ value: action, label: t(`audit.actions.${action.replace(/[.-]/g, '_')}`) }))]} />
        <div class="form-group">
          <label class="form-label" for="audit-from">
            {t('audit.from')}
          </label>
          <input class="form-input" type="date" id="audit-from" name="from" value={query.from ?? ''} />
        </div>
        <div class="form-group">
          <label class="form-label" for="audit-to">
            {t('audit.to')}
          </label>
          <input class="form-input" type="date" id="audit-to" name="to" value={query.to ?? ''} />
        </div>
        <button type="submit" class="button button-secondary">
          {t('audit.show')}
        </button>
      </form>
      {model.entries.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        <div class="table--responsive-scroll" tabindex="0" role="region" aria-label={t('audit.title')}>
          <table class="table table--compact stacked-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.what')}</th>
                <th scope="col">{t('audit.concerning')}</th>
                <th scope="col">{t('audit.change')}</th>
              </tr>
            </thead>
            <tbody>
              {model.entries.map((entry) => (
                <tr>
                  <td data-label={t('audit.when')} safe>
                    {DateTime.fromJSDate(entry.at, { zone: model.timeZone }).toFormat('yyyy-LL-dd HH:mm')}
                  </td>
                  <td data-label={t('audit.who')} safe>
                    {entry.actorName ?? t('audit.system')}
                  </td>
                  <td data-label={t('audit.what')} safe>
                    {t(`audit.actions.${entry.action.replace(/[.-]/g, '_')}`, { defaultValue: entry.action })}
                  </td>
                  <td data-label={t('audit.concerning')} safe>
                    {entry.subject ?? '—'}
                  </td>
                  <td data-label={t('audit.change')}>
                    {entry.changes.length > 0 && (
                      <ul class="audit-changes">
                        {entry.changes.map((change) => (
                          <li safe>{t('audit.beforeAfter', { path: change.path, before: shown(change.before), after: shown(change.after) })}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {model.more && (
        <p>
          <a href={`/console/audit?${next.toString()}`}>{t('audit.older')}</a>
        </p>
      )}
    </Layout>
  );
}

/** The audit log: who did what and when, with before and after for settings; filter by person, citizen, action, date. */
export function registerAuditPage(server: Server, deps: AuditPageDeps): void {
  server.get('/console/audit', deps.guard.requireStaff('COORDINATOR')(async (req, res, ctx) => {
    const query = auditQuery.parse(queryOf(req));
    const { organisationId } = ctx.principal;
    const { businessHours } = await readOrganisationSettings(deps.prisma, organisationId);
    const dayStart = (value: string | undefined, plusDays = 0) => (value ? DateTime.fromISO(value, { zone: businessHours.timeZone }).plus({ days: plusDays }).toJSDate() : undefined);
    const { entries, more } = await deps.trail.list(
      ctx.principal,
      { staffId: query.person, citizenId: query.citizen, action: query.action, from: dayStart(query.from), to: dayStart(query.to, 1) },
      PAGE_SIZE,
      (query.page - 1) * PAGE_SIZE,
    );
    const model: AuditModel = { query, entries, more, ...(await deps.trail.choices(ctx.principal)), timeZone: businessHours.timeZone };
    sendHtml(res, 200, String(await (<AuditPage page={ctx.page} model={model} />)));
  }));
}
