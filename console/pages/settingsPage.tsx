import type { Server } from 'restify';
import { z } from 'zod';
import { readOrganisationSettings } from '../../bot/settings/organisationSettings.js';
import type { SettingsUpdates } from '../../bot/settings/settingsUpdates.js';
import type { StaffAdmin } from '../../bot/people/staffAdmin.js';
import type { PrismaClient } from '../../bot/data/generated/client.js';
import { QUESTION_BANK } from '../../domain/questionBank/index.js';
import { URGENT_CHANGE_KINDS } from '../../domain/urgentChanges.js';
import type { ConsoleGuard, StaffContext } from '../auth/guard.js';
import { CsrfField, Layout, type PageContext } from '../components/layout.js';
import { errorOf, Field, idOf, SectionForm, type SettingsModel, TextInput } from './settingsFields.js';
import { queryOf, redirect, sendHtml } from '../http.js';
import {
  EXTRA_CONTACT_ROWS,
  type FieldErrors,
  formToPatch,
  issueToField,
  RESPONSE_UNITS,
  SETTINGS_SECTIONS,
  type SettingsSection,
  settingsFormValues,
  SEVERITIES,
} from './settingsForms.js';

export interface SettingsPageDeps {
  guard: ConsoleGuard;
  prisma: PrismaClient;
  updates: SettingsUpdates;
  staff: StaffAdmin;
  now: () => Date;
}

function RemindersForm({ page, model }: { page: PageContext; model: SettingsModel }): JSX.Element {
  const { t } = page;
  const common = { page, model, section: 'reminders' as const };
  return (
    <SectionForm {...common}>
      <TextInput {...common} name="checkInWeeks" label={t('settings.reminders.checkInWeeks')} hint={t('settings.reminders.weeksHint')} inputmode="numeric" width="input-width-xs" />
      <TextInput {...common} name="pulseWeeks" label={t('settings.reminders.pulseWeeks')} hint={t('settings.reminders.weeksHint')} inputmode="numeric" width="input-width-xs" />
      <fieldset class="settings-fieldset">
        <legend class="form-label">{t('settings.reminders.quietHours')}</legend>
        <span class="form-hint">{t('settings.reminders.quietHint')}</span>
        <div class="settings-inline">
          <TextInput {...common} name="quietFrom" label={t('settings.reminders.from')} hint={t('settings.timeHint')} width="input-width-xs" />
          <TextInput {...common} name="quietTo" label={t('settings.reminders.to')} hint={t('settings.timeHint')} width="input-width-xs" />
        </div>
        <div class="form-group-checkbox">
          <input id="f-quietOff" type="checkbox" class="form-checkbox" name="quietOff" value="on" checked={model.values.quietOff === 'on'} />
          <label for="f-quietOff">{t('settings.reminders.quietOff')}</label>
        </div>
      </fieldset>
      <TextInput {...common} name="nonResponseThreshold" label={t('settings.reminders.threshold')} hint={t('settings.reminders.thresholdHint')} inputmode="numeric" width="input-width-xs" />
    </SectionForm>
  );
}

function ResponseTimesForm({ page, model }: { page: PageContext; model: SettingsModel }): JSX.Element {
  const { t } = page;
  const common = { page, model, section: 'responseTimes' as const };
  return (
    <SectionForm {...common}>
      {SEVERITIES.map((severity) => (
        <fieldset class="settings-fieldset">
          <legend class="form-label">{t('settings.responseTimes.for', { severity: t(`translation:severity.${severity}`) })}</legend>
          <div class="settings-inline">
            <TextInput {...common} name={`sla.${severity}.amount`} label={t('settings.responseTimes.amount')} inputmode="decimal" width="input-width-xs" />
            <Field {...common} name={`sla.${severity}.unit`} label={t('settings.responseTimes.unit')}>
              {() => (
                <select class="form-select" id={idOf(`sla.${severity}.unit`)} name={`sla.${severity}.unit`}>
                  {RESPONSE_UNITS.map((unit) => (
                    <option value={unit} selected={model.values[`sla.${severity}.unit`] === unit} safe>
                      {t(`settings.responseTimes.units.${unit}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </fieldset>
      ))}
    </SectionForm>
  );
}

function BusinessHoursForm({ page, model }: { page: PageContext; model: SettingsModel }): JSX.Element {
  const { t } = page;
  const common = { page, model, section: 'businessHours' as const };
  const daysError = errorOf(model, 'businessHours', 'days');
  return (
    <SectionForm {...common}>
      <input type="hidden" name="days" value="sent" />
      <fieldset class={daysError ? 'settings-fieldset form-error' : 'settings-fieldset'} aria-describedby={daysError ? 'f-days-error' : undefined}>
        <legend class="form-label">{t('settings.businessHours.days')}</legend>
        {daysError && (
          <span class="form-error-message" id="f-days-error" safe>
            {t(`settings.errors.${daysError}`)}
          </span>
        )}
        <ul class="nobullet-list settings-days">
          {[1, 2, 3, 4, 5, 6, 7].map((day) => (
            <li class="form-group-checkbox">
              <input id={`f-day${day}`} type="checkbox" class="form-checkbox" name={`day${day}`} value="on" checked={model.values[`day${day}`] === 'on'} />
              <label for={`f-day${day}`} safe>
                {t(`settings.businessHours.weekday.${day}`)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div class="settings-inline">
        <TextInput {...common} name="openAt" label={t('settings.businessHours.open')} hint={t('settings.timeHint')} width="input-width-xs" />
        <TextInput {...common} name="closeAt" label={t('settings.businessHours.close')} hint={t('settings.timeHint')} width="input-width-xs" />
      </div>
    </SectionForm>
  );
}

function SeveritiesForm({ page, model }: { page: PageContext; model: SettingsModel }): JSX.Element {
  const { t } = page;
  const common = { page, model, section: 'severities' as const };
  return (
    <SectionForm {...common}>
      {URGENT_CHANGE_KINDS.map((kind) => (
        <Field {...common} name={`severity.${kind}`} label={t(`settings.severities.kinds.${kind}`)}>
          {() => (
            <select class="form-select" id={idOf(`severity.${kind}`)} name={`severity.${kind}`}>
              <option value="" selected={!model.values[`severity.${kind}`]} safe>
                {t('settings.severities.standard')}
              </option>
              {SEVERITIES.map((severity) => (
                <option value={severity} selected={model.values[`severity.${kind}`] === severity} safe>
                  {t(`translation:severity.${severity}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ))}
    </SectionForm>
  );
}

function CrisisContactsForm({ page, model }: { page: PageContext; model: SettingsModel }): JSX.Element {
  const { t } = page;
  const common = { page, model, section: 'crisisContacts' as const };
  const rows = model.settings.crisisContacts.length + EXTRA_CONTACT_ROWS;
  const listError = errorOf(model, 'crisisContacts', 'contacts');
  return (
    <SectionForm {...common}>
      {listError && (
        <p class="form-error-message" id="f-contacts-error" safe>
          {t(`settings.errors.${listError}`)}
        </p>
      )}
      {Array.from({ length: rows }, (_, index) => (
        <fieldset class="settings-fieldset">
          <legend class="form-label">{t('settings.crisisContacts.row', { number: index + 1 })}</legend>
          <div class="settings-inline">
            <TextInput {...common} name={`contact.${index}.nameDa`} label={t('settings.crisisContacts.nameDa')} />
            <TextInput {...common} name={`contact.${index}.nameEn`} label={t('settings.crisisContacts.nameEn')} />
            <TextInput {...common} name={`contact.${index}.phone`} label={t('settings.crisisContacts.phone')} type="tel" width="input-width-s" />
          </div>
        </fieldset>
      ))}
    </SectionForm>
  );
}

function OnCallForm({ page, model }: { page: PageContext; model: SettingsModel }): JSX.Element {
  const { t } = page;
  const common = { page, model, section: 'onCall' as const };
  return (
    <SectionForm {...common}>
      <input type="hidden" name="people" value="sent" />
      <fieldset class="settings-fieldset">
        <legend class="form-label">{t('settings.onCall.people')}</legend>
        <ul class="nobullet-list">
          {model.people.map((person) => (
            <li class="form-group-checkbox">
              <input id={`f-onCall-${person.id}`} type="checkbox" class="form-checkbox" name={`onCall.${person.id}`} value="on" checked={model.values[`onCall.${person.id}`] === 'on'} />
              <label for={`f-onCall-${person.id}`} safe>
                {person.name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset class="settings-fieldset">
        <legend class="form-label">{t('settings.onCall.hours')}</legend>
        <div class="settings-inline">
          <TextInput {...common} name="onCallFrom" label={t('settings.reminders.from')} hint={t('settings.timeHint')} width="input-width-xs" />
          <TextInput {...common} name="onCallTo" label={t('settings.reminders.to')} hint={t('settings.timeHint')} width="input-width-xs" />
        </div>
        <div class="form-group-checkbox">
          <input id="f-onCallAllDay" type="checkbox" class="form-checkbox" name="onCallAllDay" value="on" checked={model.values.onCallAllDay === 'on'} />
          <label for="f-onCallAllDay">{t('settings.onCall.allDay')}</label>
        </div>
      </fieldset>
    </SectionForm>
  );
}

function PrivacyForm({ page, model }: { page: PageContext; model: SettingsModel }): JSX.Element {
  const { t } = page;
  const common = { page, model, section: 'privacy' as const };
  const version = model.settings.privacyText?.version;
  const area = (name: string, label: string) => (
    <Field {...common} name={name} label={label}>
      {(describedBy) => (
        <textarea class="form-input" id={idOf(name)} name={name} rows="8" aria-describedby={describedBy} safe>
          {model.values[name] ?? ''}
        </textarea>
      )}
    </Field>
  );
  return (
    <SectionForm {...common}>
      <p safe>{version ? t('settings.privacy.version', { version }) : t('settings.privacy.standard')}</p>
      {area('privacyDa', t('settings.privacy.da'))}
      {area('privacyEn', t('settings.privacy.en'))}
    </SectionForm>
  );
}

function CheckInItemsForm({ page, model, programme }: { page: PageContext; model: SettingsModel; programme: string | null }): JSX.Element {
  const { t, locale } = page;
  const { checkInItems } = model.settings;
  const chosen = programme === null ? (checkInItems.default ?? QUESTION_BANK.defaultItems) : (checkInItems.byProgramme[programme] ?? []);
  const key = programme ?? 'default';
  return (
    <form method="post" action="/console/settings/checkInItems" class="settings-programme" novalidate>
      <CsrfField page={page} />
      {programme === null || programme !== '' ? (
        <h3 safe>{programme === null ? t('settings.checkInItems.default') : t('settings.checkInItems.programme', { programme })}</h3>
      ) : (
        <div class="form-group">
          <label class="form-label" for="f-new-programme">
            {t('settings.checkInItems.newProgramme')}
          </label>
          <input class="form-input" id="f-new-programme" name="programme" type="text" />
        </div>
      )}
      {programme !== null && programme !== '' && <input type="hidden" name="programme" value={programme} />}
      <fieldset class="settings-fieldset">
        <legend class="sr-only">{t('settings.checkInItems.choose')}</legend>
        <ul class="nobullet-list">
          {QUESTION_BANK.items.map((item) => (
            <li class="form-group-checkbox">
              <input id={`f-item-${key}-${item.id}`} type="checkbox" class="form-checkbox" name={`item.${item.id}`} value="on" checked={chosen.includes(item.id)} />
              <label for={`f-item-${key}-${item.id}`} safe>
                {`${item.id}: ${item.question[locale]}`}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <button type="submit" class="button button-secondary">
        {t('settings.save')}
      </button>
    </form>
  );
}

function SettingsPage({ page, model }: { page: PageContext; model: SettingsModel }): JSX.Element {
  const { t } = page;
  const programmes = Object.keys(model.settings.checkInItems.byProgramme).sort();
  const itemsError = errorOf(model, 'checkInItems', 'items');
  return (
    <Layout page={page} title={t('settings.title')} current="settings">
      <h1>{t('settings.title')}</h1>
      <p class="font-lead">{t('settings.lead')}</p>
      <nav aria-label={t('settings.contents')}>
        <ul class="settings-contents">
          {SETTINGS_SECTIONS.map((section) => (
            <li>
              <a href={`#${section}`} safe>
                {t(`settings.${section}.title`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <RemindersForm page={page} model={model} />
      <ResponseTimesForm page={page} model={model} />
      <BusinessHoursForm page={page} model={model} />
      <SeveritiesForm page={page} model={model} />
      <CrisisContactsForm page={page} model={model} />
      <OnCallForm page={page} model={model} />
      <PrivacyForm page={page} model={model} />
      <section class="settings-section" aria-labelledby="checkInItems-title" id="checkInItems">
        <h2 id="checkInItems-title">{t('settings.checkInItems.title')}</h2>
        <p class="settings-intro">{t('settings.checkInItems.intro')}</p>
        {model.saved === 'checkInItems' && (
          <div class="alert alert-success" role="status">
            <p class="alert-text">{t('settings.saved')}</p>
          </div>
        )}
        {itemsError && (
          <div class="alert alert-error" role="alert">
            <p class="alert-text">{t(`settings.errors.${itemsError}`)}</p>
          </div>
        )}
        <CheckInItemsForm page={page} model={model} programme={null} />
        {programmes.map((programme) => (
          <CheckInItemsForm page={page} model={model} programme={programme} />
        ))}
        <CheckInItemsForm page={page} model={model} programme="" />
      </section>
    </Layout>
  );
}

const pageQuery = z.object({ saved: z.enum(SETTINGS_SECTIONS).optional().catch(undefined) });

/** Settings as forms in the coordinator's words; each form changes only its own fields, through the API's service. */
export function registerSettingsPage(server: Server, deps: SettingsPageDeps): void {
  const { guard } = deps;
  const render = async (ctx: StaffContext, status: number, model: Omit<SettingsModel, 'settings' | 'values' | 'people'> & { values?: Record<string, string> }) => {
    const settings = await readOrganisationSettings(deps.prisma, ctx.principal.organisationId);
    const values = { ...settingsFormValues(settings), ...(model.values ?? {}) };
    const people = (await deps.staff.list(ctx.principal, { active: true })).map((person) => ({ id: person.id, name: person.name }));
    return [status, String(await (<SettingsPage page={ctx.page} model={{ ...model, settings, values, people }} />))] as const;
  };

  server.get('/console/settings', guard.requireStaff('COORDINATOR')(async (req, res, ctx) => {
    const [status, html] = await render(ctx, 200, { saved: pageQuery.parse(queryOf(req)).saved });
    sendHtml(res, status, html);
  }));

  server.post('/console/settings/:section', guard.requireStaff('COORDINATOR')(async (req, res, ctx) => {
    const section = z.enum(SETTINGS_SECTIONS).safeParse((req.params as Record<string, string>).section);
    if (!section.success) return guard.renderError(res, ctx.page, 'notFound');
    const current = await readOrganisationSettings(deps.prisma, ctx.principal.organisationId);
    const { patch, errors } = formToPatch(section.data, ctx.form, current, deps.now());
    const refuse = async (fieldErrors: FieldErrors) => {
      const [status, html] = await render(ctx, 400, { refused: { section: section.data, errors: fieldErrors }, values: ctx.form });
      sendHtml(res, status, html);
    };
    if (Object.keys(errors).length > 0) return refuse(errors);
    const result = await deps.updates.update(ctx.principal, patch);
    if (!result.ok) return refuse(Object.fromEntries(result.issues.map(issueToField)));
    redirect(res, `/console/settings?saved=${section.data}#${section.data}`);
  }));
}
