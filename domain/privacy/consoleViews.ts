import { DateTime } from 'luxon';
import type { StaffRole } from '../access.js';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** A moment as staff read it in lists: "23. nov. 2026 14:05" / "23 Nov 2026 14:05", in the organisation's zone. */
export function listTime(at: Date, locale: 'da' | 'en', timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).setLocale(locale).toFormat(locale === 'da' ? 'd. LLL yyyy HH:mm' : 'd LLL yyyy HH:mm');
}

export interface AccessRowInput {
  at: Date;
  citizenId: string;
  staffName: string | null;
  role: StaffRole;
  category: string;
  reason: string | null;
}

export interface AccessRowView {
  when: string;
  citizen: string;
  who: string;
  role: string;
  what: string;
  why: string;
}

/** Access-log rows for coordinators; a citizen no longer on file (erased) shows as such, never as an id. */
export function accessRowViews(rows: readonly AccessRowInput[], citizenNames: ReadonlyMap<string, string>, locale: 'da' | 'en', timeZone: string, t: Translate): AccessRowView[] {
  return rows.map((row) => ({
    when: listTime(row.at, locale, timeZone),
    citizen: citizenNames.get(row.citizenId) ?? t('privacyPages.accessLog.erased'),
    who: row.staffName ?? t('privacyPages.accessLog.admin'),
    role: t(`layout.role.${row.role}`),
    what: t(`privacyPages.accessLog.category.${row.category}`),
    // The reason is an alert id; its six-character reference is what staff know it by.
    why: row.reason ? row.reason.slice(0, 6).toUpperCase() : '',
  }));
}

export interface RequestInput {
  id: string;
  kind: 'ERASURE' | 'RESTRICTION';
  status: 'PENDING' | 'APPROVED' | 'REFUSED';
  source: string;
  requestedAt: Date;
  decidedAt: Date | null;
  decisionReason: string | null;
  citizen: { displayName: string; caseworker: { name: string } } | null;
}

export interface RequestView {
  id: string;
  pending: boolean;
  kind: string;
  isErasure: boolean;
  status: string;
  citizen: string;
  caseworker: string;
  received: string;
  decided: string;
  reason: string;
}

/** Data requests for the coordinator's page, in words. */
export function requestViews(requests: readonly RequestInput[], locale: 'da' | 'en', timeZone: string, t: Translate): RequestView[] {
  return requests.map((request) => ({
    id: request.id,
    pending: request.status === 'PENDING',
    kind: t(`privacyPages.requests.kind.${request.kind}`),
    isErasure: request.kind === 'ERASURE',
    status: t(`privacyPages.requests.status.${request.status}`),
    citizen: request.citizen?.displayName ?? t('privacyPages.requests.erasedCitizen'),
    caseworker: request.citizen?.caseworker.name ?? '',
    received: t('privacyPages.requests.received', { when: listTime(request.requestedAt, locale, timeZone), source: t(`privacyPages.requests.source.${request.source}`) }),
    decided: request.decidedAt ? t('privacyPages.requests.decidedAt', { when: listTime(request.decidedAt, locale, timeZone) }) : '',
    reason: request.decisionReason ?? '',
  }));
}
