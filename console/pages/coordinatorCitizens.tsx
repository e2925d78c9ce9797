import type { Request, Response, Server } from 'restify';
import { pathId } from '../../bot/admin/jsonRoute.js';
import { AppError } from '../../bot/errors.js';
import { type CitizenAdmin, type CitizenListQuery, citizenListQuery, citizenPatchBody, type CitizenSummary } from '../../bot/people/citizenAdmin.js';
import type { StaffAdmin, StaffSummary } from '../../bot/people/staffAdmin.js';
import type { ConsoleGuard, StaffContext } from '../auth/guard.js';
import { FormField, PersonSelect } from '../components/formField.js';
import { CsrfField, Layout, type PageContext } from '../components/layout.js';
import { queryOf, redirect, sendHtml } from '../http.js';

export interface CoordinatorCitizensDeps {
  guard: ConsoleGuard;
  citizens: CitizenAdmin;
  staff: StaffAdmin;
}

const STATUSES = ['ACTIVE', 'PAUSED', 'ENDED'] as const;

function AssignmentPage({ page, citizen, colleagues, errors, saved }: { page: PageContext; citizen: CitizenSummary; colleagues: StaffSummary[]; errors: Record<string, string>; saved: boolean }): JSX.Element {
  const { t } = page;
  const err = (field: string) => (errors[field] ? t(`assignment.errors.${field}`) : undefined);
  const people = colleagues.filter((person) => person.active).map((person) => ({ id: person.id, name: person.name }));
  return (
    <Layout page={page} title={t('assignment.title', { name: citizen.displayName })} current="citizens">
      <p>
        <a href={`/console/citizens/${citizen.id}`} safe>
          {t('assignment.back', { name: citizen.displayName })}
        </a>
      </p>
      <h1 safe>{t('assignment.title', { name: citizen.displayName })}</h1>
      <p>{t('assignment.lead')}</p>
      {saved && (
        <div class="alert alert-success" role="status">
          <p class="alert-text">{t('assignment.saved')}</p>
        </div>
      )}
      <form method="post" action={`/console/citizens/${citizen.id}/assignment`} novalidate>
        <CsrfField page={page} />
        <FormField id="assign-caseworker" label={t('assignment.caseworker')} hint={t('assignment.caseworkerHint')} error={err('caseworkerId')}>
          {(describedBy) => <PersonSelect id="assign-caseworker" name="caseworkerId" people={people} selected={citizen.caseworker.id} describedBy={describedBy} />}
        </FormField>
        <FormField id="assign-backup" label={t('assignment.backup')} error={err('backupCaseworkerId')}>
          {(describedBy) => <PersonSelect id="assign-backup" name="backupCaseworkerId" people={people} selected={citizen.backupCaseworker?.id} empty={t('assignment.noBackup')} describedBy={describedBy} />}
        </FormField>
        <FormField id="assign-programme" label={t('assignment.programme')} hint={t('assignment.programmeHint')} error={err('programme')}>
          {(describedBy) => <input class="form-input" id="assign-programme" name="programme" type="text" value={citizen.programme ?? ''} aria-describedby={describedBy} />}
        </FormField>
        <FormField id="assign-status" label={t('assignment.status')} hint={t('assignment.statusHint')}>
          {() => (
            <select class="form-select" id="assign-status" name="status">
              {STATUSES.map((status) => (
                <option value={status} selected={citizen.status === status} safe>
                  {t(`assignment.statuses.${status}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <button type="submit" class="button button-primary">
          {t('assignment.save')}
        </button>
      </form>
    </Layout>
  );
}

const PAGE_SIZE = 50;

function CitizenListPage({ page, query, total, items, colleagues, programmes }: { page: PageContext; query: CitizenListQuery; total: number; items: CitizenSummary[]; colleagues: StaffSummary[]; programmes: string[] }): JSX.Element {
  const { t } = page;
  const yesNo = (name: 'silenced' | 'noConsent', label: string) => (
    <FormField id={`filter-${name}`} label={label}>
      {() => (
        <select class="form-select" id={`filter-${name}`} name={name}>
          <option value="" selected={query[name] === undefined}>
            {t('people.any')}
          </option>
          <option value="true" selected={query[name] === 'true'}>
            {t('people.yes')}
          </option>
          <option value="false" selected={query[name] === 'false'}>
            {t('people.no')}
          </option>
        </select>
      )}
    </FormField>
  );
  const next = new URLSearchParams(Object.entries({ ...query, offset: String(query.offset + PAGE_SIZE), limit: undefined }).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return (
    <Layout page={page} title={t('people.title')} current="staff">
      <h1>{t('people.title')}</h1>
      <p>
        <a href="/console/import">{t('staff.importLink')}</a>
      </p>
      <form method="get" action="/console/all-citizens" class="inbox-filters" aria-label={t('people.filters')}>
        <FormField id="filter-caseworker" label={t('assignment.caseworker')}>
          {() => <PersonSelect id="filter-caseworker" name="caseworkerId" people={colleagues} selected={query.caseworkerId} empty={t('people.any')} />}
        </FormField>
        <FormField id="filter-programme" label={t('assignment.programme')}>
          {() => <PersonSelect id="filter-programme" name="programme" people={programmes.map((programme) => ({ id: programme, name: programme }))} selected={query.programme} empty={t('people.any')} />}
        </FormField>
        <FormField id="filter-status" label={t('assignment.status')}>
          {() => <PersonSelect id="filter-status" name="status" people={STATUSES.map((status) => ({ id: status, name: t(`assignment.statuses.${status}`) }))} selected={query.status} empty={t('people.any')} />}
        </FormField>
        {yesNo('silenced', t('people.silenced'))}
        {yesNo('noConsent', t('people.noConsent'))}
        <button type="submit" class="button button-secondary">
          {t('people.show')}
        </button>
      </form>
      <p safe>{t('people.count', { count: total })}</p>
      <div class="table--responsive-scroll" tabindex="0" role="region" aria-label={t('people.title')}>
        <table class="table table--compact">
          <thead>
            <tr>
              <th scope="col">{t('import.name')}</th>
              <th scope="col">{t('assignment.caseworker')}</th>
              <th scope="col">{t('assignment.backup')}</th>
              <th scope="col">{t('assignment.programme')}</th>
              <th scope="col">{t('assignment.status')}</th>
              <th scope="col">{t('people.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((citizen) => (
              <tr>
                <th scope="row">
                  <a href={`/console/citizens/${citizen.id}/assignment`} safe>
                    {citizen.displayName}
                  </a>
                </th>
                <td safe>{citizen.caseworker.name}</td>
                <td safe>{citizen.backupCaseworker?.name ?? '—'}</td>
                <td safe>{citizen.programme ?? '—'}</td>
                <td safe>{t(`assignment.statuses.${citizen.status}`)}</td>
                <td safe>{[citizen.silenced ? t('people.silenced') : '', citizen.consented ? '' : t('people.noConsent')].filter(Boolean).join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > query.offset + PAGE_SIZE && (
        <p>
          <a href={`/console/all-citizens?${next.toString()}`}>{t('people.more')}</a>
        </p>
      )}
    </Layout>
  );
}

/** The form's fields as the API's patch: only what differs from now, so an unchanged field changes nothing. */
function patchOf(form: Record<string, string>, citizen: CitizenSummary): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (form.caseworkerId && form.caseworkerId !== citizen.caseworker.id) patch.caseworkerId = form.caseworkerId;
  if (form.backupCaseworkerId !== undefined && (form.backupCaseworkerId || null) !== (citizen.backupCaseworker?.id ?? null)) patch.backupCaseworkerId = form.backupCaseworkerId || null;
  if (form.programme !== undefined && (form.programme.trim() || null) !== citizen.programme) patch.programme = form.programme.trim() || null;
  if (form.status && form.status !== citizen.status) patch.status = form.status;
  return patch;
}

/** Who looks after a citizen and their course: caseworker, backup, programme, status (coordinators only). */
export function registerCoordinatorCitizenPages(server: Server, deps: CoordinatorCitizensDeps): void {
  const coordinator = deps.guard.requireStaff('COORDINATOR');
  const render = async (req: Request, res: Response, ctx: StaffContext, status: number, errors: Record<string, string> = {}) => {
    const citizen = await deps.citizens.get(ctx.principal, pathId(req));
    const colleagues = await deps.staff.list(ctx.principal, { active: true });
    const saved = queryOf(req).saved === '1';
    sendHtml(res, status, String(await (<AssignmentPage page={ctx.page} citizen={citizen} colleagues={colleagues} errors={errors} saved={saved} />)));
  };

  server.get('/console/all-citizens', coordinator(async (req, res, ctx) => {
    // Empty filter fields mean "any": dropped before the API's own query schema reads them.
    const given = Object.fromEntries(Object.entries(queryOf(req)).filter(([, value]) => value !== ''));
    const parsed = citizenListQuery.safeParse({ ...given, limit: String(PAGE_SIZE) });
    const query = parsed.success ? parsed.data : citizenListQuery.parse({ limit: String(PAGE_SIZE) });
    const { total, items } = await deps.citizens.list(ctx.principal, query);
    const colleagues = await deps.staff.list(ctx.principal);
    const programmes = await deps.citizens.programmes(ctx.principal);
    sendHtml(res, 200, String(await (<CitizenListPage page={ctx.page} query={query} total={total} items={items} colleagues={colleagues} programmes={programmes} />)));
  }));

  server.get('/console/citizens/:id/assignment', coordinator(async (req, res, ctx) => render(req, res, ctx, 200)));

  server.post('/console/citizens/:id/assignment', coordinator(async (req, res, ctx) => {
    const citizen = await deps.citizens.get(ctx.principal, pathId(req));
    const parsed = citizenPatchBody.safeParse(patchOf(ctx.form, citizen));
    if (!parsed.success) return render(req, res, ctx, 400, Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), 'invalid'])));
    try {
      await deps.citizens.update(ctx.principal, citizen.id, parsed.data);
    } catch (error) {
      if (error instanceof AppError && error.code === 'BAD_REQUEST') return render(req, res, ctx, 400, error.details ?? {});
      throw error;
    }
    redirect(res, `/console/citizens/${citizen.id}/assignment?saved=1#main-content`);
  }));
}
