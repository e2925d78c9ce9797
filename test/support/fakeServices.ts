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

/** In-memory citizen services for dialog tests: the same contracts as the Prisma stores, inspectable. */
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
    contactWindow: null,
    caseworkerName: 'Mette',
    ...initial,
  };
  const consents: Array<{ decision: string; version: string }> = [];
  const goals: GoalView[] = [];
  let barriers: Array<BarrierView & { chosenOrder: number }> = [];
  const alerts: RaiseAlert[] = [];
  const checkIns: Array<{ id: string; itemIds: string[]; answers: Answer[]; status: 'IN_PROGRESS' | 'COMPLETED' | 'PARTIAL' }> = [];
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

  const services: CitizenServices = {
    now: () => now,
    severityOf: async (_citizenId, kind) => DEFAULT_CHANGE_SEVERITY[kind],
    profiles: {
      get: async () => ({ ...profile }),
      recordConsent: async (_citizenId, decision, version) => {
        consents.push({ decision, version });
        profile.consent = decision;
        profile.consentAt = decision === 'ACCEPTED' ? now : null;
      },
      setLocale: async (_citizenId, locale) => {
        profile.locale = locale;
      },
      setContactWindow: async (_citizenId, window: ContactWindowKey) => {
        profile.contactWindow = window;
      },
      dataSummary: async () => ({
        goals: goals.length,
        steps: goals.flatMap((goal) => goal.steps).length,
        barriers: barriers.length,
        alerts: alerts.length,
      }),
      privacyText: async () => ({ text: null, version: 'test-version' }),
    },
    goals: {
      list: async () => goals.map((goal) => ({ ...goal, steps: goal.steps.filter((step) => step.status !== 'DROPPED') })),
      addGoal: async (_citizenId, text) => {
        const goal = { id: id(), text, steps: [] };
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
      answer: async (checkInId, itemId, optionIndex) => {
        const checkIn = checkIns.find((candidate) => candidate.id === checkInId);
        checkIn?.answers.push({ itemId, optionIndex });
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
    alerts: {
      raise: async (alert) => {
        alerts.push(alert);
        return { alertId: id(), assigneeName: profile.caseworkerName, dueAt: new Date(now.getTime() + 86_400_000) };
      },
    },
  };
  return {
    services,
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
