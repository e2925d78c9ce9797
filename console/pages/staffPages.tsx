import type { Request, Response, Server } from 'restify';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { pathId } from '../../bot/admin/jsonRoute.js';
import { AppError } from '../../bot/errors.js';
import { absenceBody, createStaffBody, type StaffAdmin, type StaffSummary } from '../../bot/people/staffAdmin.js';
import type { ConsoleGuard, StaffContext } from '../auth/guard.js';
import { FormField, PersonSelect } from '../components/formField.js';
import { CsrfField, Layout, type PageContext } from '../components/layout.js';
import { queryOf, redirect, sendHtml } from '../http.js';

export interface StaffPagesDeps {
  guard: ConsoleGuard;
  staff: StaffAdmin;
  timeZone: () => Promise<string>;
}

type Errors = Record<string, string>;
const DONE = ['awaySet', 'awayEnded', 'handedOver', 'roleChanged', 'deactivated', 'reactivated'] as const;

/** A refusal's fields as i18n keys under `staff.errors.` (zod and service details alike name the field). */
function errorsOf(fields: Record<string, string> | undefined): Errors {
  return Object.fromEntries(Object.keys(fields ?? { form: '' }).map((field) => [field, field]));
}

function zodErrors(error: z.ZodError): Errors {
  return Object.fromEntries(error.issues.map((issue) => [String(issue.path[0] ?? 'form'), String(issue.path[0] ?? 'form')]));
}

function day(date: Date, timeZone: string): string {
  return DateTime.fromJSDate(date, { zone: timeZone }).toFormat('d/L yyyy');
}

function AwayText({ page, staff, timeZone }: { page: PageContext; staff: StaffSummary; timeZone: string }): JSX.Element {
  const { t } = page;
  if (!staff.away) return <>{t('staff.here')}</>;
  const lastDay = day(new Date(staff.away.endsAt.getTime() - 1), timeZone);
  const text = t(staff.away.now ? 'staff.awayNow' : 'staff.awayFrom', { from: day(staff.away.startsAt, timeZone), to: lastDay, substitute: staff.away.substitute?.name ?? t('staff.noSubstitute') });
  return <span safe>{text}</span>;
}

function StaffListPage({ page, people, errors, values, timeZone }: { page: PageContext; people: StaffSummary[]; errors: Errors; values: Record<string, string>; timeZone: string }): JSX.Element {
  const { t } = page;
  const err = (field: string) => (errors[field] ? t(`staff.errors.${errors[field]}`) : undefined);
  return (
    <Layout page={page} title={t('staff.title')} current="staff">
      <h1>{t('staff.title')}</h1>
      <ul class="nobullet-list">
        <li>
          <a href="/console/all-citizens">{t('people.link')}</a>
        </li>
        <li>
          <a href="/console/import">{t('staff.importLink')}</a>
        </li>
      </ul>
      <div class="table--responsive-scroll" tabindex="0" role="region" aria-label={t('staff.title')}>
        <table class="table table--compact stacked-table">
          <thead>
            <tr>
              <th scope="col">{t('staff.name')}</th>
              <th scope="col">{t('staff.role')}</th>
              <th scope="col">{t('staff.citizens')}</th>
              <th scope="col">{t('staff.availability')}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr>
                <th scope="row" data-label={t('staff.name')}>
                  <a href={`/console/staff/${person.id}`} safe>
                    {person.name}
                  </a>
                </th>
                <td data-label={t('staff.role')} safe>
                  {t(`layout.role.${person.role}`)}
                </td>
                <td data-label={t('staff.citizens')}>{String(person.caseload)}</td>
                <td data-label={t('staff.availability')}>{person.active ? <AwayText page={page} staff={person} timeZone={timeZone} /> : t('staff.deactivated')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="create-title">{t('staff.createTitle')}</h2>
      <form method="post" action="/console/staff" aria-labelledby="create-title" novalidate>
        <CsrfField page={page} />
        <FormField id="staff-name" label={t('staff.name')} error={err('name')}>
          {(describedBy) => <input class="form-input" id="staff-name" name="name" type="text" value={values.name ?? ''} aria-describedby={describedBy} autocomplete="off" />}
        </FormField>
        <FormField id="staff-email" label={t('staff.email')} error={err('email')}>
          {(describedBy) => <input class="form-input" id="staff-email" name="email" type="email" value={values.email ?? ''} aria-describedby={describedBy} autocomplete="off" />}
        </FormField>
        <FormField id="staff-role" label={t('staff.role')}>
          {() => (
            <select class="form-select" id="staff-role" name="role">
              {(['CASEWORKER', 'COORDINATOR'] as const).map((role) => (
                <option value={role} selected={(values.role ?? 'CASEWORKER') === role} safe>
                  {t(`layout.role.${role}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="staff-aad" label={t('staff.aad')} hint={t('staff.aadHint')} error={err('aadObjectId')}>
          {(describedBy) => <input class="form-input" id="staff-aad" name="aadObjectId" type="text" value={values.aadObjectId ?? ''} aria-describedby={describedBy} autocomplete="off" />}
        </FormField>
        <button type="submit" class="button button-primary">
          {t('staff.create')}
        </button>
      </form>
    </Layout>
  );
}

/** A secret shown once (an enrollment code, an API token), with what to do with it. */
function ShownOncePage({ page, title, lead, secret, back }: { page: PageContext; title: string; lead: string; secret: string; back: string }): JSX.Element {
  return (
    <Layout page={page} title={title} current="staff">
      <h1 safe>{title}</h1>
      <p safe>{lead}</p>
      <p class="shown-once">
        <code safe>{secret}</code>
      </p>
      <p>{page.t('staff.shownOnce')}</p>
      <p>
        <a href={back}>{page.t('staff.back')}</a>
      </p>
    </Layout>
  );
}

interface PersonModel {
  person: StaffSummary;
  colleagues: StaffSummary[];
  openAlerts: Awaited<ReturnType<StaffAdmin['openAlertsOf']>>;
  toReassign: Awaited<ReturnType<StaffAdmin['citizensToReassign']>>;
  errors: Errors;
  done: (typeof DONE)[number] | undefined;
  timeZone: string;
  today: string;
}

function StaffPersonPage({ page, model }: { page: PageContext; model: PersonModel }): JSX.Element {
  const { t } = page;
  const { person, errors } = model;
  const err = (field: string) => (errors[field] ? t(`staff.errors.${errors[field]}`) : undefined);
  const others = model.colleagues.filter((colleague) => colleague.id !== person.id && colleague.active);
  const action = (path: string) => `/console/staff/${person.id}/${path}`;
  return (
    <Layout page={page} title={person.name} current="staff">
      <p>
        <a href="/console/staff">{t('staff.backToList')}</a>
      </p>
      <h1 safe>{person.name}</h1>
      {model.done && (
        <div class="alert alert-success" role="status">
          <p class="alert-text">{t(`staff.done.${model.done}`)}</p>
        </div>
      )}
      {errors.form && (
        <div class="alert alert-error" role="alert">
          <p class="alert-text">{t('staff.errors.form')}</p>
        </div>
      )}
      <dl class="alert-facts">
        <dt>{t('staff.email')}</dt>
        <dd safe>{person.email}</dd>
        <dt>{t('staff.role')}</dt>
        <dd safe>{t(`layout.role.${person.role}`)}</dd>
        <dt>{t('staff.citizens')}</dt>
        <dd>{String(person.caseload)}</dd>
        <dt>{t('staff.availability')}</dt>
        <dd>{person.active ? <AwayText page={page} staff={person} timeZone={model.timeZone} /> : t('staff.deactivated')}</dd>
      </dl>

      {person.active && (
        <section aria-labelledby="away-title">
          <h2 id="away-title">{t('staff.awayTitle')}</h2>
          <p>{t('staff.awayIntro')}</p>
          <form method="post" action={action('away')} novalidate>
            <CsrfField page={page} />
            <div class="settings-inline">
              <FormField id="away-first" label={t('staff.firstDay')} error={err('firstDay')}>
                {(describedBy) => <input class="form-input" id="away-first" name="firstDay" type="date" value={model.today} aria-describedby={describedBy} />}
              </FormField>
              <FormField id="away-last" label={t('staff.lastDay')} error={err('lastDay')}>
                {(describedBy) => <input class="form-input" id="away-last" name="lastDay" type="date" aria-describedby={describedBy} />}
              </FormField>
            </div>
            <FormField id="away-substitute" label={t('staff.substitute')} hint={t('staff.substituteHint')} error={err('substituteId')}>
              {(describedBy) => <PersonSelect id="away-substitute" name="substituteId" people={others} selected={person.away?.substitute?.id} empty={t('staff.noSubstitute')} describedBy={describedBy} />}
            </FormField>
            <button type="submit" class="button button-primary">
              {t('staff.setAway')}
            </button>
          </form>
          {person.away && (
            <form method="post" action={action('away')}>
              <CsrfField page={page} />
              <input type="hidden" name="end" value="true" />
              <button type="submit" class="button button-secondary">
                {t('staff.endAway')}
              </button>
            </form>
          )}
        </section>
      )}

      <section aria-labelledby="handover-title">
        <h2 id="handover-title">{t('staff.handoverTitle')}</h2>
        {model.openAlerts.length === 0 ? (
          <p>{t('staff.noOpenAlerts')}</p>
        ) : (
          <>
            <ul>
              {model.openAlerts.map((alert) => (
                <li safe>{t('staff.openAlert', { citizen: alert.citizen.displayName, severity: t(`translation:severity.${alert.severity}`), due: day(alert.dueAt, model.timeZone) })}</li>
              ))}
            </ul>
            <form method="post" action={action('handover')} novalidate>
              <CsrfField page={page} />
              <FormField id="handover-to" label={t('staff.handoverTo')} error={err('toStaffId')}>
                {(describedBy) => <PersonSelect id="handover-to" name="toStaffId" people={others} selected={person.away?.substitute?.id} describedBy={describedBy} />}
              </FormField>
              <button type="submit" class="button button-primary">
                {t('staff.handover', { count: model.openAlerts.length })}
              </button>
            </form>
          </>
        )}
      </section>

      <section aria-labelledby="role-title">
        <h2 id="role-title">{t('staff.roleTitle')}</h2>
        <form method="post" action={action('role')}>
          <CsrfField page={page} />
          <FormField id="role-select" label={t('staff.role')}>
            {() => (
              <select class="form-select" id="role-select" name="role">
                {(['CASEWORKER', 'COORDINATOR'] as const).map((role) => (
                  <option value={role} selected={person.role === role} safe>
                    {t(`layout.role.${role}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <button type="submit" class="button button-secondary">
            {t('staff.changeRole')}
          </button>
        </form>
      </section>

      <section aria-labelledby="access-title">
        <h2 id="access-title">{t('staff.accessTitle')}</h2>
        <div class="alert-actions">
          <form method="post" action={action('code')}>
            <CsrfField page={page} />
            <button type="submit" class="button button-secondary">
              {t('staff.newCode')}
            </button>
          </form>
          <form method="post" action={action('token')}>
            <CsrfField page={page} />
            <button type="submit" class="button button-secondary">
              {t('staff.newToken')}
            </button>
          </form>
        </div>
      </section>

      <section aria-labelledby="active-title">
        <h2 id="active-title">{t(person.active ? 'staff.deactivateTitle' : 'staff.reactivateTitle')}</h2>
        {person.active && model.toReassign.length > 0 ? (
          <>
            <p safe>{t('staff.reassignFirst', { count: model.toReassign.length })}</p>
            <ul>
              {model.toReassign.map((citizen) => (
                <li>
                  <a href={`/console/citizens/${citizen.id}/assignment`} safe>
                    {t(citizen.caseworkerId === person.id ? 'staff.reassignCaseworker' : 'staff.reassignBackup', { name: citizen.displayName })}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <form method="post" action={action('active')}>
            <CsrfField page={page} />
            <input type="hidden" name="active" value={person.active ? 'false' : 'true'} />
            <button type="submit" class={person.active ? 'button button-secondary' : 'button button-primary'}>
              {t(person.active ? 'staff.deactivate' : 'staff.reactivate')}
            </button>
          </form>
        )}
      </section>
    </Layout>
  );
}

const personQuery = z.object({ done: z.enum(DONE).optional().catch(undefined) });

/** Staff for coordinators: list, create, and per person: away and cover, handover, role, codes and tokens, deactivation. */
export function registerStaffPages(server: Server, deps: StaffPagesDeps): void {
  const { guard, staff } = deps;
  const coordinator = guard.requireStaff('COORDINATOR');

  const renderList = async (res: Response, ctx: StaffContext, status: number, errors: Errors = {}, values: Record<string, string> = {}) => {
    const people = await staff.list(ctx.principal);
    sendHtml(res, status, String(await (<StaffListPage page={ctx.page} people={people} errors={errors} values={values} timeZone={await deps.timeZone()} />)));
  };
  const renderPerson = async (req: Request, res: Response, ctx: StaffContext, status: number, errors: Errors = {}) => {
    const id = pathId(req);
    const timeZone = await deps.timeZone();
    const model: PersonModel = {
      person: await staff.get(ctx.principal, id),
      colleagues: await staff.list(ctx.principal, { active: true }),
      openAlerts: await staff.openAlertsOf(ctx.principal, id),
      toReassign: await staff.citizensToReassign(ctx.principal, id),
      errors,
      done: personQuery.parse(queryOf(req)).done,
      timeZone,
      today: DateTime.now().setZone(timeZone).toISODate() as string,
    };
    sendHtml(res, status, String(await (<StaffPersonPage page={ctx.page} model={model} />)));
  };
  /** Runs a change; a refusal shows the person's page again with the fields named, success goes back with a notice. */
  const change = (what: (req: Request, ctx: StaffContext) => Promise<(typeof DONE)[number]>) =>
    coordinator(async (req, res, ctx) => {
      try {
        const done = await what(req, ctx);
        redirect(res, `/console/staff/${pathId(req)}?done=${done}#main-content`);
      } catch (error) {
        if (error instanceof z.ZodError) return renderPerson(req, res, ctx, 400, zodErrors(error));
        if (error instanceof AppError && error.code === 'BAD_REQUEST') return renderPerson(req, res, ctx, 400, errorsOf(error.details));
        throw error;
      }
    });

  server.get('/console/staff', coordinator(async (_req, res, ctx) => renderList(res, ctx, 200)));

  server.post('/console/staff', coordinator(async (_req, res, ctx) => {
    const form = { ...ctx.form, aadObjectId: ctx.form.aadObjectId?.trim() || undefined };
    const parsed = createStaffBody.safeParse(form);
    if (!parsed.success) return renderList(res, ctx, 400, zodErrors(parsed.error), ctx.form);
    try {
      const created = await staff.create(ctx.principal, parsed.data);
      const { t } = ctx.page;
      sendHtml(res, 201, String(await (<ShownOncePage page={ctx.page} title={t('staff.createdTitle', { name: parsed.data.name })} lead={t('staff.createdLead')} secret={created.enrollmentCode} back={`/console/staff/${created.id}`} />)));
    } catch (error) {
      if (error instanceof AppError && error.code === 'BAD_REQUEST') return renderList(res, ctx, 400, errorsOf(error.details), ctx.form);
      throw error;
    }
  }));

  server.get('/console/staff/:id', coordinator(async (req, res, ctx) => renderPerson(req, res, ctx, 200)));

  server.post('/console/staff/:id/away', change(async (req, ctx) => {
    if (ctx.form.end === 'true') {
      await staff.update(ctx.principal, pathId(req), { away: null });
      return 'awayEnded';
    }
    const away = absenceBody.parse({ firstDay: ctx.form.firstDay, lastDay: ctx.form.lastDay, substituteId: ctx.form.substituteId || null });
    await staff.update(ctx.principal, pathId(req), { away });
    return 'awaySet';
  }));

  server.post('/console/staff/:id/handover', change(async (req, ctx) => {
    const { toStaffId } = z.object({ toStaffId: z.string().uuid() }).parse(ctx.form);
    await staff.handOver(ctx.principal, pathId(req), toStaffId);
    return 'handedOver';
  }));

  server.post('/console/staff/:id/role', change(async (req, ctx) => {
    const { role } = z.object({ role: z.enum(['CASEWORKER', 'COORDINATOR']) }).parse(ctx.form);
    await staff.update(ctx.principal, pathId(req), { role });
    return 'roleChanged';
  }));

  server.post('/console/staff/:id/active', change(async (req, ctx) => {
    const active = ctx.form.active === 'true';
    await staff.update(ctx.principal, pathId(req), { active });
    return active ? 'reactivated' : 'deactivated';
  }));

  // Codes and tokens exist only in this answer (only hashes are kept): the page is the POST's own, not a redirect.
  for (const kind of ['code', 'token'] as const) {
    server.post(`/console/staff/:id/${kind}`, coordinator(async (req, res, ctx) => {
      const id = pathId(req);
      const person = await staff.get(ctx.principal, id);
      const secret = kind === 'code' ? await staff.issueEnrollmentCode(ctx.principal, id) : await staff.issueApiToken(ctx.principal, id);
      const { t } = ctx.page;
      sendHtml(res, 201, String(await (<ShownOncePage page={ctx.page} title={t(`staff.${kind}Title`, { name: person.name })} lead={t(`staff.${kind}Lead`)} secret={secret} back={`/console/staff/${id}`} />)));
    }));
  }
}
