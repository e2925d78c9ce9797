import type { Request, Response, Server } from 'restify';
import { pathId } from '../../bot/admin/jsonRoute.js';
import { AppError } from '../../bot/errors.js';
import { type CitizenAdmin, citizenPatchBody, type CitizenSummary } from '../../bot/people/citizenAdmin.js';
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
