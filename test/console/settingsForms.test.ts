import { describe, expect, it } from 'vitest';
import { organisationSettingsSchema } from '../../bot/settings/organisationSettings.js';
import { formToPatch, issueToField, responseTimeOf, settingsFormValues } from '../../console/pages/settingsForms.js';

const defaults = organisationSettingsSchema.parse({});
const now = new Date('2026-11-23T12:00:00Z');

describe('settings forms in the coordinator\'s words', () => {
  it.each([
    ['when only the check-in weeks are sent, then only the cadence is in the patch', 'reminders', { checkInWeeks: '4' }, { reminders: { checkInCadence: 'P4W' } }],
    ['when only the quiet hours are sent, then only they are in the patch', 'reminders', { quietFrom: '21:00', quietTo: '07:00' }, { reminders: { quietHours: { from: '21:00', to: '07:00' } } }],
    ['when "no quiet hours" is ticked, then quiet hours are switched off', 'reminders', { quietFrom: '21:00', quietTo: '07:00', quietOff: 'on' }, { reminders: { quietHours: null } }],
    ['when one severity\'s response time is 30 minutes, then only that rule is sent, on the clock', 'responseTimes', { 'sla.CRISIS.amount': '30', 'sla.CRISIS.unit': 'minutes' }, { sla: { CRISIS: { clock: 'wall', duration: 'PT30M' } } }],
    ['when a response time is 1,5 working hours, then it counts working time', 'responseTimes', { 'sla.URGENT.amount': '1,5', 'sla.URGENT.unit': 'workingHours' }, { sla: { URGENT: { clock: 'business', duration: 'PT90M' } } }],
    ['when "end of next working day" is chosen, then the amount is ignored', 'responseTimes', { 'sla.NORMAL.amount': '', 'sla.NORMAL.unit': 'nextWorkingDay' }, { sla: { NORMAL: { clock: 'endOfNextBusinessDay' } } }],
    ['when the day boxes are on the form, then the ticked days are the working days', 'businessHours', { days: 'sent', day1: 'on', day3: 'on' }, { businessHours: { days: [1, 3] } }],
    ['when empty contact rows are sent, then they are left out', 'crisisContacts', { 'contact.0.nameDa': 'Alarm', 'contact.0.phone': '112', 'contact.1.nameDa': '', 'contact.1.phone': '' }, { crisisContacts: [{ name: { da: 'Alarm', en: 'Alarm' }, phone: '112' }] }],
    ['when questions are ticked for a programme, then only that programme\'s list is sent', 'checkInItems', { programme: 'flexjob', 'item.A1': 'on', 'item.B2': 'on' }, { checkInItems: { byProgramme: { flexjob: ['A1', 'B2'] } } }],
    ['when the privacy text is unchanged, then nothing is sent', 'privacy', { privacyDa: '', privacyEn: '' }, {}],
    ['when two colleagues are ticked for on-call all the time, then they are the list and there is no window', 'onCall', { people: 'sent', 'onCall.jonas': 'on', 'onCall.lone': 'on', onCallFrom: '16:00', onCallTo: '22:00', onCallAllDay: 'on' }, { onCall: { staffIds: ['jonas', 'lone'], hours: null } }],
    ['when nobody is ticked, then nobody is on call', 'onCall', { people: 'sent', onCallFrom: '', onCallTo: '', onCallAllDay: 'on' }, { onCall: { staffIds: [], hours: null } }],
  ] as const)('%s', (_name, section, form, expected) => {
    expect(formToPatch(section, { ...form }, defaults, now)).toEqual({ patch: expected, errors: {} });
  });

  it.each([
    ['when the weeks are not a whole number, then the field says so', 'reminders', { checkInWeeks: 'fire' }, { checkInWeeks: 'weeks' }],
    ['when a response time is zero, then the field says so', 'responseTimes', { 'sla.CRISIS.amount': '0', 'sla.CRISIS.unit': 'minutes' }, { 'sla.CRISIS.amount': 'responseTime' }],
  ] as const)('%s', (_name, section, form, errors) => {
    expect(formToPatch(section, { ...form }, defaults, now).errors).toEqual(errors);
  });

  it('when a new privacy text is saved, then it becomes a new version', () => {
    const text = 'Vi gemmer dine svar, så din sagsbehandler kan hjælpe dig bedre. Du kan altid sige fra.';
    expect(formToPatch('privacy', { privacyDa: text }, defaults, now).patch).toEqual({ privacyText: { da: text, version: now.toISOString() } });
  });

  it.each([
    ['reminders.quietHours.from', 'invalid_format', ['quietFrom', 'time']],
    ['businessHours.close', 'custom', ['closeAt', 'closeAfterOpen']],
    ['crisisContacts', 'custom', ['contacts', 'first112']],
    ['crisisContacts', 'too_small', ['contacts', 'threeContacts']],
    ['crisisContacts.2.phone', 'invalid_format', ['contact.2.phone', 'phone']],
    ['sla.URGENT.duration', 'custom', ['sla.URGENT.amount', 'responseTime']],
    ['onCall.hours.to', 'invalid_format', ['onCallTo', 'time']],
  ])('when the schema refuses %s (%s), then the message goes next to its field', (path, code, expected) => {
    expect(issueToField({ path, code, message: '' })).toEqual(expected);
  });

  it('when the defaults are shown, then they read in the coordinator\'s words', () => {
    const values = settingsFormValues(defaults);
    expect(values).toMatchObject({ checkInWeeks: '6', pulseWeeks: '1', quietFrom: '20:00', quietTo: '08:00', 'sla.CRISIS.amount': '15', 'sla.CRISIS.unit': 'minutes', 'sla.URGENT.amount': '4', 'sla.URGENT.unit': 'workingHours', 'sla.NORMAL.unit': 'nextWorkingDay', day1: 'on', day6: '' });
    expect(responseTimeOf({ clock: 'wall', duration: 'PT2H' })).toEqual({ amount: '2', unit: 'hours' });
  });
});
