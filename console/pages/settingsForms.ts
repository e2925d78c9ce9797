import { Duration } from 'luxon';
import type { OrganisationSettings } from '../../bot/settings/organisationSettings.js';
import type { SettingIssue } from '../../bot/settings/settingsUpdates.js';
import type { Severity, SlaRule } from '../../domain/sla.js';
import { URGENT_CHANGE_KINDS } from '../../domain/urgentChanges.js';

/** The settings page's forms; each sends only its own fields, so a save changes nothing else. */
export const SETTINGS_SECTIONS = ['reminders', 'responseTimes', 'businessHours', 'severities', 'crisisContacts', 'onCall', 'privacy', 'checkInItems'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

export const SEVERITIES: readonly Severity[] = ['CRISIS', 'URGENT', 'NORMAL'];
/** How a coordinator says a response time: minutes or hours on the clock, working hours, or "end of next working day". */
export const RESPONSE_UNITS = ['minutes', 'hours', 'workingHours', 'nextWorkingDay'] as const;
export type ResponseUnit = (typeof RESPONSE_UNITS)[number];

/** Form field → the i18n key (under `settings.errors.`) of the Danish/English message shown next to it. */
export type FieldErrors = Record<string, string>;

export interface FormPatch {
  patch: Record<string, unknown>;
  errors: FieldErrors;
}

/** How many crisis contacts the form offers rows for: the current ones plus this many empty rows. */
export const EXTRA_CONTACT_ROWS = 2;

const WEEK_MS = 7 * 24 * 3_600_000;

/** "P4W" → 4; a cadence stored in other units is shown in weeks, rounded to a tenth. */
export function weeksOf(iso: string): number {
  return Math.round((Duration.fromISO(iso).toMillis() / WEEK_MS) * 10) / 10;
}

/** A stored SLA rule in the coordinator's words. */
export function responseTimeOf(rule: SlaRule): { amount: string; unit: ResponseUnit } {
  if (rule.clock === 'endOfNextBusinessDay') return { amount: '', unit: 'nextWorkingDay' };
  const minutes = Duration.fromISO(rule.duration).as('minutes');
  if (rule.clock === 'business') return { amount: String(Math.round((minutes / 60) * 100) / 100), unit: 'workingHours' };
  return minutes % 60 === 0 && minutes >= 60 ? { amount: String(minutes / 60), unit: 'hours' } : { amount: String(minutes), unit: 'minutes' };
}

/** The values every form field shows, from the current settings (a refused form shows what was typed instead). */
export function settingsFormValues(settings: OrganisationSettings): Record<string, string> {
  const { reminders, businessHours } = settings;
  const values: Record<string, string> = {
    checkInWeeks: String(weeksOf(reminders.checkInCadence)),
    pulseWeeks: String(weeksOf(reminders.pulseCadence)),
    quietFrom: reminders.quietHours?.from ?? '',
    quietTo: reminders.quietHours?.to ?? '',
    quietOff: reminders.quietHours ? '' : 'on',
    nonResponseThreshold: String(reminders.nonResponseThreshold),
    openAt: businessHours.open,
    closeAt: businessHours.close,
    privacyDa: settings.privacyText?.da ?? '',
    onCallFrom: settings.onCall.hours?.from ?? '',
    onCallTo: settings.onCall.hours?.to ?? '',
    onCallAllDay: settings.onCall.hours ? '' : 'on',
    privacyEn: settings.privacyText?.en ?? '',
  };
  for (const severity of SEVERITIES) {
    const { amount, unit } = responseTimeOf(settings.sla[severity]);
    values[`sla.${severity}.amount`] = amount;
    values[`sla.${severity}.unit`] = unit;
  }
  for (let day = 1; day <= 7; day++) values[`day${day}`] = businessHours.days.includes(day) ? 'on' : '';
  for (const kind of URGENT_CHANGE_KINDS) values[`severity.${kind}`] = settings.changeSeverity[kind] ?? '';
  for (const staffId of settings.onCall.staffIds) values[`onCall.${staffId}`] = 'on';
  settings.crisisContacts.forEach((contact, index) => {
    values[`contact.${index}.nameDa`] = contact.name.da;
    values[`contact.${index}.nameEn`] = contact.name.en;
    values[`contact.${index}.phone`] = contact.phone;
  });
  return values;
}

const has = (form: Record<string, string>, field: string) => form[field] !== undefined;

function wholeNumber(form: Record<string, string>, field: string, errors: FieldErrors, min: number, max: number): number | undefined {
  const text = form[field]?.trim() ?? '';
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    errors[field] = field === 'nonResponseThreshold' ? 'threshold' : 'weeks';
    return undefined;
  }
  return Number(text);
}

function remindersPatch(form: Record<string, string>, errors: FieldErrors): Record<string, unknown> {
  const reminders: Record<string, unknown> = {};
  if (has(form, 'checkInWeeks')) {
    const weeks = wholeNumber(form, 'checkInWeeks', errors, 1, 52);
    if (weeks !== undefined) reminders.checkInCadence = `P${weeks}W`;
  }
  if (has(form, 'pulseWeeks')) {
    const weeks = wholeNumber(form, 'pulseWeeks', errors, 1, 52);
    if (weeks !== undefined) reminders.pulseCadence = `P${weeks}W`;
  }
  if (form.quietOff === 'on') reminders.quietHours = null;
  else if (has(form, 'quietFrom') || has(form, 'quietTo')) {
    reminders.quietHours = { ...(has(form, 'quietFrom') ? { from: form.quietFrom } : {}), ...(has(form, 'quietTo') ? { to: form.quietTo } : {}) };
  }
  if (has(form, 'nonResponseThreshold')) {
    const threshold = wholeNumber(form, 'nonResponseThreshold', errors, 1, 20);
    if (threshold !== undefined) reminders.nonResponseThreshold = threshold;
  }
  return { reminders };
}

function responseTimesPatch(form: Record<string, string>, errors: FieldErrors): Record<string, unknown> {
  const sla: Record<string, SlaRule> = {};
  for (const severity of SEVERITIES) {
    const unit = form[`sla.${severity}.unit`] as ResponseUnit | undefined;
    if (unit === undefined) continue;
    if (unit === 'nextWorkingDay') {
      sla[severity] = { clock: 'endOfNextBusinessDay' };
      continue;
    }
    const amount = Number((form[`sla.${severity}.amount`] ?? '').trim().replace(',', '.'));
    if (!RESPONSE_UNITS.includes(unit) || !(amount > 0) || amount > 10_000) {
      errors[`sla.${severity}.amount`] = 'responseTime';
      continue;
    }
    const minutes = Math.round(unit === 'minutes' ? amount : amount * 60);
    sla[severity] = { clock: unit === 'workingHours' ? 'business' : 'wall', duration: `PT${minutes}M` };
  }
  return { sla };
}

function businessHoursPatch(form: Record<string, string>): Record<string, unknown> {
  const hours: Record<string, unknown> = {};
  // Checkboxes send nothing when unticked: the hidden "days" field says the day boxes were on the form.
  if (has(form, 'days')) hours.days = [1, 2, 3, 4, 5, 6, 7].filter((day) => form[`day${day}`] === 'on');
  if (has(form, 'openAt')) hours.open = form.openAt;
  if (has(form, 'closeAt')) hours.close = form.closeAt;
  return { businessHours: hours };
}

function severitiesPatch(form: Record<string, string>): Record<string, unknown> {
  const changeSeverity: Record<string, string> = {};
  for (const kind of URGENT_CHANGE_KINDS) {
    const value = form[`severity.${kind}`];
    if (value) changeSeverity[kind] = value;
  }
  return { changeSeverity };
}

function crisisContactsPatch(form: Record<string, string>): Record<string, unknown> {
  const contacts: Array<Record<string, unknown>> = [];
  for (let index = 0; has(form, `contact.${index}.phone`); index++) {
    const phone = form[`contact.${index}.phone`]?.trim() ?? '';
    const nameDa = form[`contact.${index}.nameDa`]?.trim() ?? '';
    const nameEn = form[`contact.${index}.nameEn`]?.trim() || nameDa;
    // An empty row is no contact (the form offers spare rows); a half-filled row is validated and refused.
    if (!phone && !nameDa) continue;
    contacts.push({ name: { da: nameDa, en: nameEn }, phone });
  }
  return { crisisContacts: contacts };
}

/** Who hears of a crisis out of hours: the ticked colleagues, and their daily window (or all the time outside business hours). */
function onCallPatch(form: Record<string, string>): Record<string, unknown> {
  const onCall: Record<string, unknown> = {};
  // Checkboxes send nothing when unticked: the hidden "people" field says the boxes were on the form.
  if (has(form, 'people')) {
    onCall.staffIds = Object.keys(form)
      .filter((field) => field.startsWith('onCall.') && form[field] === 'on')
      .map((field) => field.slice('onCall.'.length));
  }
  if (form.onCallAllDay === 'on') onCall.hours = null;
  else if (has(form, 'onCallFrom') || has(form, 'onCallTo')) onCall.hours = { from: form.onCallFrom, to: form.onCallTo };
  return { onCall };
}

/** A new privacy text is a new version: citizens are asked to agree to it again. */
function privacyPatch(form: Record<string, string>, current: OrganisationSettings, now: Date): Record<string, unknown> {
  const da = form.privacyDa?.trim() ?? '';
  const en = form.privacyEn?.trim() ?? '';
  if (da === (current.privacyText?.da ?? '') && en === (current.privacyText?.en ?? '')) return {};
  return { privacyText: { da, ...(en ? { en } : {}), version: now.toISOString() } };
}

function checkInItemsPatch(form: Record<string, string>): Record<string, unknown> {
  const programme = form.programme?.trim() ?? '';
  const chosen = Object.keys(form)
    .filter((field) => field.startsWith('item.') && form[field] === 'on')
    .map((field) => field.slice('item.'.length));
  if (programme === '') return { checkInItems: { default: chosen } };
  return { checkInItems: { byProgramme: { [programme]: chosen } } };
}

/** Turns one section's posted form into a settings patch holding only the fields that form sent. */
export function formToPatch(section: SettingsSection, form: Record<string, string>, current: OrganisationSettings, now: Date): FormPatch {
  const errors: FieldErrors = {};
  const patchers: Record<SettingsSection, () => Record<string, unknown>> = {
    reminders: () => remindersPatch(form, errors),
    responseTimes: () => responseTimesPatch(form, errors),
    businessHours: () => businessHoursPatch(form),
    severities: () => severitiesPatch(form),
    crisisContacts: () => crisisContactsPatch(form),
    onCall: () => onCallPatch(form),
    privacy: () => privacyPatch(form, current, now),
    checkInItems: () => checkInItemsPatch(form),
  };
  return { patch: patchers[section](), errors };
}

/** Where the settings schema's complaint belongs on the form, and which message says it in the reader's words. */
export function issueToField(issue: SettingIssue): [field: string, messageKey: string] {
  const path = issue.path.split('.');
  const [group, key, sub] = path;
  if (group === 'reminders') {
    if (key === 'checkInCadence') return ['checkInWeeks', 'weeks'];
    if (key === 'pulseCadence') return ['pulseWeeks', 'weeks'];
    if (key === 'quietHours') return [sub === 'to' ? 'quietTo' : 'quietFrom', 'time'];
    return ['nonResponseThreshold', 'threshold'];
  }
  if (group === 'sla') return [`sla.${key}.amount`, 'responseTime'];
  if (group === 'businessHours') {
    if (key === 'days') return ['days', 'days'];
    return [key === 'close' ? 'closeAt' : 'openAt', key === 'close' && issue.code === 'custom' ? 'closeAfterOpen' : 'time'];
  }
  if (group === 'crisisContacts') {
    if (key === undefined || issue.code === 'too_small' || issue.code === 'custom') return ['contacts', issue.code === 'custom' ? 'first112' : 'threeContacts'];
    const field = path.at(-1) === 'phone' ? 'phone' : path.includes('en') ? 'nameEn' : 'nameDa';
    return [`contact.${key}.${field}`, field === 'phone' ? 'phone' : 'required'];
  }
  if (group === 'onCall') return key === 'hours' ? [sub === 'to' ? 'onCallTo' : 'onCallFrom', 'time'] : ['onCallPeople', 'invalid'];
  if (group === 'privacyText') return [key === 'en' ? 'privacyEn' : 'privacyDa', 'privacyLength'];
  if (group === 'checkInItems') return ['items', 'items'];
  return ['form', 'invalid'];
}
