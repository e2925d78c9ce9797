import type { BarrierKey } from '../../domain/barriers.js';
import { citizenOrder } from '../../domain/barriers.js';
import type { ContactWindowKey } from '../../domain/contactWindow.js';
import { type Answer, factorScores } from '../../domain/progress.js';
import { QUESTION_BANK } from '../../domain/questionBank/index.js';
import { DEFAULT_CHANGE_SEVERITY } from '../../domain/urgentChanges.js';
import type {
  BarrierView,
  CitizenProfile,
  CitizenServices,
  GoalView,
  PendingReminder,
  RaiseAlert,
  StepView,
} from '../../dialogs/services.js';
import { CITIZEN_DATA_FORMAT, type CitizenData } from '../../domain/privacy/citizenData.js';
import type { DataRequestKind } from '../../domain/privacy/dataRequests.js';

/** In-memory citizen services for dialog tests: the same contracts as the Prisma stores, inspectable. */
/** The information text's version in the fakes. */
export const PRIVACY_VERSION = 'test-version';

export function fakeServices(initial: Partial<CitizenProfile> = {}, now = new Date('2026-11-23T10:00:00Z')) {
  let nextId = 1;
  const id = () => `id-${nextId++}`;
  const profile: CitizenProfile = {
    citizenId: 'citizen-1',
    name: 'Anna',
    locale: 'da',
    timeZone: 'Europe/Copenhagen',
    consent: null,
    consentAt: null,
    consentVersion: null,
    restricted: false,
    contactWindow: null,
    caseworkerName: 'Mette',
    ...initial,
  };
  // A citizen set up as having agreed has agreed to the text in use, unless the test says otherwise.
  if (profile.consent === 'ACCEPTED' && initial.consentVersion === undefined) profile.consentVersion = PRIVACY_VERSION;
  const consents: Array<{ decision: string; version: string }> = [];
  const goals: GoalView[] = [];
  const droppedGoals = new Set<string>();
  let barriers: Array<BarrierView & { chosenOrder: number }> = [];
  const alerts: RaiseAlert[] = [];
  // `withTurn`: saved with the turn's end rather than at once.
  const checkIns: Array<{ id: string; itemIds: string[]; answers: Array<Answer & { withTurn: boolean }>; status: 'IN_PROGRESS' | 'COMPLETED' | 'PARTIAL' }> = [];
  const hours = new Map<string, number>();
  let pendingReminder: PendingReminder | undefined;
  const replies: Array<{ reminderId: string; reply: string }> = [];
  const paused = { value: false };
  /** The thread the caseworker has opened, if any, and what the citizen said in it. */
  const thread = { open: undefined as { alertId: string; staffName: string } | undefined, said: [] as Array<{ alertId: string; text: string }>, left: [] as string[] };

  const findStep = (stepId: string): StepView => {
    const step = goals.flatMap((goal) => goal.steps).find((candidate) => candidate.id === stepId);
    if (!step) throw new Error('Step not found for this citizen');
    return step;
  };

  /** Data-rights calls: links issued (by conversation), requests made, and the access log the citizen is shown. */
  const privacy = { links: [] as string[], requests: [] as DataRequestKind[], views: [] as CitizenData['accessLog'] };

  const services: CitizenServices = {
    now: () => now,
    severityOf: async (_citizenId, kind) => DEFAULT_CHANGE_SEVERITY[kind],
    profiles: {
      get: async () => ({ ...profile }),
      recordConsent: async (_citizenId, decision, version) => {
        consents.push({ decision, version });
        profile.consent = decision;
        profile.consentAt = decision === 'ACCEPTED' ? now : null;
        profile.consentVersion = version;
      },
      setLocale: async (_citizenId, locale) => {
        profile.locale = locale;
      },
      setContactWindow: async (_citizenId, window: ContactWindowKey) => {
        profile.contactWindow = window;
      },
      privacyText: async () => ({ text: null, version: PRIVACY_VERSION }),
    },
    goals: {
      list: async () =>
        goals.filter((goal) => !droppedGoals.has(goal.id)).map((goal) => ({ ...goal, steps: goal.steps.filter((step) => step.status !== 'DROPPED') })),
      addGoal: async (_citizenId, text) => {
        const goal: GoalView = { id: id(), text, status: 'ACTIVE', steps: [] };
        goals.push(goal);
        return goal;
      },
      addStep: async (_citizenId, goalId, text, dueDate) => {
        const goal = goals.find((candidate) => candidate.id === goalId);
        if (!goal) throw new Error('Goal not found for this citizen');
        const step: StepView = { id: id(), text, dueDate, status: 'OPEN' };
        goal.steps.push(step);
        return step;
      },
      updateStep: async (_citizenId, stepId, change) => {
        Object.assign(findStep(stepId), change);
      },
      updateGoal: async (_citizenId, goalId, change) => {
        const goal = goals.find((candidate) => candidate.id === goalId);
        if (!goal) throw new Error('Goal not found for this citizen');
        if (change.text !== undefined) goal.text = change.text;
        if (change.status === 'DROPPED') droppedGoals.add(goalId);
        else if (change.status) goal.status = change.status;
      },
    },
    barriers: {
      current: async () => citizenOrder(barriers).map(({ chosenOrder: _order, ...view }) => view),
      choose: async (_citizenId, chosen) => {
        barriers = chosen.map((barrier, chosenOrder) => ({
          key: barrier.key,
          otherText: barrier.otherText ?? null,
          rank: null,
          whatWouldHelp: null,
          chosenOrder,
        }));
      },
      rank: async (_citizenId, ordered: BarrierKey[]) => {
        for (const barrier of barriers) {
          const index = ordered.indexOf(barrier.key);
          barrier.rank = index >= 0 ? index + 1 : null;
        }
      },
      setHelp: async (_citizenId, key, text) => {
        const barrier = barriers.find((candidate) => candidate.key === key);
        if (barrier) barrier.whatWouldHelp = text;
      },
    },
    checkIns: {
      openToday: async () => {
        const open = checkIns.find((checkIn) => checkIn.status === 'IN_PROGRESS');
        return open ? { checkInId: open.id, itemIds: open.itemIds, answeredItemIds: open.answers.map((answer) => answer.itemId) } : undefined;
      },
      start: async () => {
        const checkIn = { id: id(), itemIds: [...QUESTION_BANK.defaultItems], answers: [], status: 'IN_PROGRESS' as const };
        checkIns.push(checkIn);
        return { checkInId: checkIn.id, itemIds: checkIn.itemIds, answeredItemIds: [] };
      },
      answer: async (checkInId, itemId, optionIndex, withTurnOf) => {
        const checkIn = checkIns.find((candidate) => candidate.id === checkInId);
        checkIn?.answers.push({ itemId, optionIndex, withTurn: withTurnOf !== undefined });
      },
      finish: async (checkInId) => {
        const checkIn = checkIns.find((candidate) => candidate.id === checkInId);
        if (checkIn) checkIn.status = 'COMPLETED';
      },
      abandon: async (checkInId) => {
        const checkIn = checkIns.find((candidate) => candidate.id === checkInId);
        if (checkIn) checkIn.status = 'PARTIAL';
      },
      hoursReported: async (_citizenId, isoWeek) => hours.has(isoWeek),
      recordHours: async (_citizenId, isoWeek, value) => {
        hours.set(isoWeek, value);
      },
    },
    progress: {
      afterCheckIn: async () => {},
      report: async () => {
        const done = checkIns.filter((checkIn) => checkIn.status !== 'IN_PROGRESS');
        const latest = done.at(-1);
        if (!latest) return undefined;
        const previous = done.at(-2);
        return {
          latest: factorScores(latest.answers, QUESTION_BANK),
          previous: previous ? factorScores(previous.answers, QUESTION_BANK) : null,
          hours: [...hours].map(([isoWeek, value]) => ({ isoWeek, hours: value })),
          radarPng: 'cmFkYXI=',
          trendPng: null,
          hoursPng: null,
        };
      },
    },
    reminders: {
      pendingFor: async () => (pendingReminder ? { ...pendingReminder } : undefined),
      respond: async (_citizenId, reminderId, reply) => {
        replies.push({ reminderId, reply });
        pendingReminder = undefined;
        return reply === 'tomorrow' || reply === 'later' ? { until: 'i morgen kl. 11:00' } : {};
      },
      setPaused: async (_citizenId, value) => {
        paused.value = value;
      },
      isPaused: async () => paused.value,
      nextFor: async () => undefined,
    },
    threads: {
      open: async () => (thread.open ? { ...thread.open } : undefined),
      say: async (_citizenId, alertId, text) => {
        thread.said.push({ alertId, text });
      },
      leave: async (_citizenId, alertId) => {
        thread.left.push(alertId);
        thread.open = undefined;
      },
    },
    privacy: {
      data: async (citizenId) => ({
        ...emptyCitizenData(citizenId, profile.name, profile.caseworkerName, now),
        goals: goals.map((goal) => ({ text: goal.text, origin: 'own', status: 'ACTIVE', createdAt: now.toISOString(), steps: goal.steps.map((step) => ({ text: step.text, dueDate: step.dueDate, status: step.status, completedAt: null })) })),
        accessLog: [...privacy.views],
      }),
      downloadLink: async (_citizenId, conversationKey) => {
        privacy.links.push(conversationKey);
        return { url: 'https://ledsager.example/my-data/abc', minutes: 30 };
      },
      request: async (_citizenId, kind) => {
        privacy.requests.push(kind);
      },
      withdrawConsent: async () => {
        consents.push({ decision: 'DECLINED', version: profile.consentVersion ?? PRIVACY_VERSION });
        profile.consent = 'DECLINED';
        profile.consentAt = null;
        alerts.push({ citizenId: profile.citizenId, kind: 'consentWithdrawn', severity: 'NORMAL' });
        return { keptMonths: 12 };
      },
    },
    alerts: {
      raise: async (alert) => {
        alerts.push(alert);
        return { alertId: id(), assigneeName: profile.caseworkerName, dueAt: new Date(now.getTime() + 86_400_000) };
      },
    },
  };
  return {
    services,
    privacy,
    profile,
    consents,
    goals,
    barriers: () => barriers,
    alerts,
    checkIns,
    hours,
    replies,
    paused,
    thread,
    /** As if a reminder had just been sent. */
    remind: (kind: PendingReminder['kind']) => {
      pendingReminder = { reminderId: id(), kind };
    },
  };
}

/** A citizen's data with nothing in it yet, for fakes to fill in. */
export function emptyCitizenData(citizenId: string, name: string, caseworker: string, now: Date): CitizenData {
  return {
    format: CITIZEN_DATA_FORMAT,
    exportedAt: now.toISOString(),
    citizen: { id: citizenId, name, locale: 'da', timeZone: 'Europe/Copenhagen', status: 'ACTIVE', programme: null, contactWindow: null, enrolledAt: now.toISOString(), endedAt: null, restrictedAt: null, caseworker, backupCaseworker: null },
    channels: [],
    consents: [],
    goals: [],
    barriers: [],
    checkIns: [],
    hours: [],
    assessments: [],
    alerts: [],
    reminders: [],
    requests: [],
    accessLog: [],
  };
}
