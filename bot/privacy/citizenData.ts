import { factorScores } from '../../domain/progress.js';
import { answerScore, CITIZEN_DATA_FORMAT, type CitizenData } from '../../domain/privacy/citizenData.js';
import { findItem, QUESTION_BANK } from '../../domain/questionBank/index.js';
import { translator } from '../../locales/i18n.js';
import type { PrismaClient } from '../data/generated/client.js';
import type { AccessLog } from './accessLog.js';

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);
const textOf = (json: unknown, field: string): string | null => {
  const value = json && typeof json === 'object' ? (json as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' ? value : null;
};

/** Loads everything held about a citizen into one plain shape (see domain/privacy/citizenData.ts). */
export async function loadCitizenData(prisma: PrismaClient, accessLog: AccessLog, citizenId: string, now: Date): Promise<CitizenData> {
  const citizen = await prisma.citizen.findUniqueOrThrow({
    where: { id: citizenId },
    include: {
      caseworker: { select: { name: true } },
      backupCaseworker: { select: { name: true } },
      identities: { orderBy: { createdAt: 'asc' } },
      consents: { orderBy: { at: 'asc' } },
      goals: { orderBy: { createdAt: 'asc' }, include: { steps: { orderBy: { createdAt: 'asc' } } } },
      barriers: { orderBy: [{ createdAt: 'asc' }, { rank: 'asc' }] },
      checkIns: { orderBy: { startedAt: 'asc' }, include: { answers: { orderBy: { answeredAt: 'asc' } } } },
      hours: { orderBy: { isoWeek: 'asc' } },
      assessments: { orderBy: { at: 'asc' }, include: { staff: { select: { name: true } } } },
      alerts: { orderBy: { createdAt: 'asc' }, include: { events: { orderBy: { at: 'asc' } } } },
      reminders: { orderBy: { dueAt: 'asc' } },
    },
  });
  const locale = citizen.locale === 'en' ? 'en' : 'da';
  const t = translator(locale);
  const staffIds = [...new Set(citizen.alerts.flatMap((alert) => alert.events.map((event) => event.actorStaffId)).filter((id): id is string => id !== null))];
  const staffNames = new Map((await prisma.staff.findMany({ where: { id: { in: staffIds } }, select: { id: true, name: true } })).map((staff) => [staff.id, staff.name]));
  const requests = await prisma.dataRequest.findMany({ where: { citizenId }, orderBy: { requestedAt: 'asc' } });
  const views = await accessLog.forCitizen(citizenId);

  return {
    format: CITIZEN_DATA_FORMAT,
    exportedAt: iso(now),
    citizen: {
      id: citizen.id,
      name: citizen.displayName,
      locale: citizen.locale,
      timeZone: citizen.timeZone,
      status: citizen.status,
      programme: citizen.programme,
      contactWindow: citizen.contactWindow,
      enrolledAt: iso(citizen.createdAt),
      endedAt: isoOrNull(citizen.endedAt),
      restrictedAt: isoOrNull(citizen.restrictedAt),
      caseworker: citizen.caseworker.name,
      backupCaseworker: citizen.backupCaseworker?.name ?? null,
    },
    channels: citizen.identities.map((identity) => ({ channel: identity.channelId, since: iso(identity.createdAt), unreachableSince: isoOrNull(identity.unreachableSince) })),
    consents: citizen.consents.map((consent) => ({ decision: consent.decision, textVersion: consent.textVersion, at: iso(consent.at) })),
    goals: citizen.goals.map((goal) => ({
      text: goal.text,
      origin: goal.origin,
      status: goal.status,
      createdAt: iso(goal.createdAt),
      steps: goal.steps.map((step) => ({ text: step.text, dueDate: step.dueDate ? step.dueDate.toISOString().slice(0, 10) : null, status: step.status, completedAt: isoOrNull(step.completedAt) })),
    })),
    barriers: citizen.barriers.map((barrier) => ({
      key: barrier.key,
      label: barrier.key === 'other' && barrier.otherText ? barrier.otherText : t(`barriers.catalogue.${barrier.key}`),
      rank: barrier.rank,
      whatWouldHelp: barrier.whatWouldHelp,
      from: iso(barrier.createdAt),
      until: isoOrNull(barrier.supersededAt),
    })),
    checkIns: citizen.checkIns.map((checkIn) => {
      const answers = checkIn.answers.map(({ itemId, optionIndex }) => ({ itemId, optionIndex }));
      return {
        status: checkIn.status,
        startedAt: iso(checkIn.startedAt),
        completedAt: isoOrNull(checkIn.completedAt),
        answers: checkIn.answers.map((answer) => {
          const item = findItem(QUESTION_BANK, answer.itemId);
          return {
            itemId: answer.itemId,
            question: item?.question[locale] ?? answer.itemId,
            answer: answer.optionIndex === null ? null : (item?.options[locale][answer.optionIndex] ?? String(answer.optionIndex)),
            score: answerScore(answer.optionIndex),
            answeredAt: iso(answer.answeredAt),
          };
        }),
        scores: answers.some((answer) => answer.optionIndex !== null) ? factorScores(answers, QUESTION_BANK) : null,
      };
    }),
    hours: citizen.hours.map((week) => ({ isoWeek: week.isoWeek, hours: Number(week.hours) })),
    assessments: citizen.assessments.map((assessment) => ({ score: assessment.score, note: assessment.note, by: assessment.staff.name, at: iso(assessment.at) })),
    alerts: citizen.alerts.map((alert) => ({
      kind: alert.kind,
      severity: alert.severity,
      status: alert.status,
      createdAt: iso(alert.createdAt),
      resolvedAt: isoOrNull(alert.resolvedAt),
      citizenText: textOf(alert.payload, 'citizenText'),
      events: alert.events.map((event) => ({
        type: event.type,
        at: iso(event.at),
        by: event.actorStaffId ? (staffNames.get(event.actorStaffId) ?? null) : null,
        text: textOf(event.detail, 'text'),
      })),
    })),
    reminders: citizen.reminders.map((reminder) => ({ kind: reminder.kind, dueAt: iso(reminder.dueAt), status: reminder.status, sentAt: isoOrNull(reminder.sentAt), answeredAt: isoOrNull(reminder.answeredAt) })),
    requests: requests.map((request) => ({ kind: request.kind, status: request.status, requestedAt: iso(request.requestedAt), decidedAt: isoOrNull(request.decidedAt), reason: request.decisionReason })),
    accessLog: views.map((view) => ({ at: iso(view.at), staff: view.staffName, role: view.role, category: view.category, reason: view.reason })),
  };
}
