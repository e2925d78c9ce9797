import type { BarrierKey } from '../domain/barriers.js';
import type { ContactWindowKey } from '../domain/contactWindow.js';
import type { IsoDate } from '../domain/dates.js';
import type { ReminderReply } from '../domain/reminders.js';
import type { Severity } from '../domain/sla.js';
import type { CitizenData } from '../domain/privacy/citizenData.js';
import type { DataRequestKind } from '../domain/privacy/dataRequests.js';
import type { UrgentChangeKind } from '../domain/urgentChanges.js';

/** What the dialogs need to know about the citizen they are talking to. */
export interface CitizenProfile {
  citizenId: string;
  name: string;
  locale: 'da' | 'en';
  timeZone: string;
  consent: 'ACCEPTED' | 'DECLINED' | null;
  consentAt: Date | null;
  /** The version of the information text the latest decision answered. */
  consentVersion: string | null;
  /** Processing restricted on the citizen's request (GDPR Art. 18). */
  restricted: boolean;
  contactWindow: ContactWindowKey | null;
  caseworkerName: string;
}

export interface ProfileStore {
  get(citizenId: string): Promise<CitizenProfile>;
  recordConsent(citizenId: string, decision: 'ACCEPTED' | 'DECLINED', textVersion: string): Promise<void>;
  setLocale(citizenId: string, locale: 'da' | 'en'): Promise<void>;
  setContactWindow(citizenId: string, window: ContactWindowKey): Promise<void>;
  /** The municipality's own information text and its version, when configured; else the default text. */
  privacyText(citizenId: string, locale: 'da' | 'en'): Promise<{ text: string | null; version: string }>;
}

export interface StepView {
  id: string;
  text: string;
  dueDate: IsoDate | null;
  status: 'OPEN' | 'DONE' | 'DROPPED';
}

/** A goal as the citizen sees it; dropped goals are not listed. */
export type GoalStatus = 'ACTIVE' | 'ON_HOLD' | 'ACHIEVED';

export interface GoalView {
  id: string;
  text: string;
  status: GoalStatus;
  steps: StepView[];
}

/** Goals and their small steps. Every call is scoped to the citizen: a step id of someone else's is not found. */
export interface GoalStore {
  list(citizenId: string): Promise<GoalView[]>;
  addGoal(citizenId: string, text: string, origin: 'own' | 'work' | 'wish'): Promise<GoalView>;
  addStep(citizenId: string, goalId: string, text: string, dueDate: IsoDate | null): Promise<StepView>;
  updateStep(citizenId: string, stepId: string, change: { text?: string; dueDate?: IsoDate | null; status?: 'DONE' | 'DROPPED' }): Promise<void>;
  /** Goals change as experience grows: reworded, put on hold, resumed, reached or dropped. */
  updateGoal(citizenId: string, goalId: string, change: { text?: string; status?: GoalStatus | 'DROPPED' }): Promise<void>;
}

export interface BarrierView {
  key: BarrierKey;
  otherText: string | null;
  rank: number | null;
  whatWouldHelp: string | null;
}

/** The citizen's own barriers. A new choice supersedes the old one; history is kept. */
export interface BarrierStore {
  current(citizenId: string): Promise<BarrierView[]>;
  choose(citizenId: string, chosen: Array<{ key: BarrierKey; otherText?: string }>): Promise<void>;
  rank(citizenId: string, ordered: BarrierKey[]): Promise<void>;
  setHelp(citizenId: string, key: BarrierKey, whatWouldHelp: string): Promise<void>;
}

/** What the citizen is told when something reaches a caseworker. */
export interface AlertReceipt {
  alertId: string;
  assigneeName: string;
  dueAt: Date;
  /** Set when the own caseworker is away or gone: who is away, until when, and who was asked instead. */
  cover?: { awayName: string; backAt: Date | null; to: 'substitute' | 'backup' | 'coordinators' };
}

export interface RaiseAlert {
  citizenId: string;
  kind: string;
  severity: Severity;
  /** Structured facts for staff (numbers, kinds, dates), never logged. */
  facts?: Record<string, unknown>;
  /** The citizen's own words, shown only to the assigned staff. */
  citizenText?: string;
}

export interface CaseworkerAlerts {
  raise(alert: RaiseAlert): Promise<AlertReceipt>;
}

/** An open thread: the caseworker wrote, and the citizen's next messages go to the same alert. */
export interface OpenThread {
  alertId: string;
  staffName: string;
}

/** The citizen's side of threads with the caseworker (see domain/threads.ts). */
export interface CitizenThreads {
  open(citizenId: string): Promise<OpenThread | undefined>;
  /** Adds the citizen's words to the thread and sends them to the caseworker's chat. */
  say(citizenId: string, alertId: string, text: string): Promise<void>;
  /** The citizen went back to the menu: their next messages are not part of the thread. */
  leave(citizenId: string, alertId: string): Promise<void>;
}

/** The conversation a turn runs in, as its activity names it. */
export interface TurnConversation {
  channelId: string;
  conversation: { id: string };
}

/** A check-in that can be resumed: started today and not finished. */
export interface OpenCheckIn {
  checkInId: string;
  itemIds: string[];
  answeredItemIds: string[];
}

/** Check-ins and weekly hours. */
export interface CheckInStore {
  /** Today's unfinished check-in, if any; older unfinished ones are closed as partial. */
  openToday(citizenId: string): Promise<OpenCheckIn | undefined>;
  /** Starts a check-in with the items chosen for the citizen's programme. */
  start(citizenId: string): Promise<OpenCheckIn>;
  /**
   * Saves one answer (0 most favourable … 4 least; null = skipped). Given the conversation whose turn
   * gave it, with that turn's end, in one transaction with the conversation's state (so nothing in
   * the rest of the turn reads it back); else at once.
   */
  answer(checkInId: string, itemId: string, optionIndex: number | null, withTurnOf?: TurnConversation): Promise<void>;
  finish(checkInId: string): Promise<void>;
  /** Marks an unfinished check-in partial (the citizen chose to start over). */
  abandon(checkInId: string): Promise<void>;
  hoursReported(citizenId: string, isoWeek: string): Promise<boolean>;
  recordHours(citizenId: string, isoWeek: string, hours: number): Promise<void>;
}

/** What the citizen is shown as progress: text for everyone, charts for those who can see them. */
export interface ProgressReport {
  /** Factor scores 0–100 now and at the previous check-in (null = no answer). */
  latest: Record<string, number | null>;
  previous: Record<string, number | null> | null;
  hours: Array<{ isoWeek: string; hours: number }>;
  /** PNG images, base64. */
  radarPng: string;
  trendPng: string | null;
  hoursPng: string | null;
}

export interface ProgressReports {
  /** Raises concern alerts (numbers only) after a finished check-in. */
  afterCheckIn(citizenId: string): Promise<void>;
  /** The latest progress, or undefined before the first finished check-in. */
  report(citizenId: string, locale: 'da' | 'en'): Promise<ProgressReport | undefined>;
}

/** The latest reminder the citizen may be answering. */
export interface PendingReminder {
  reminderId: string;
  kind: 'checkIn' | 'pulse' | 'step';
}

/** The citizen's side of reminders. */
export interface ReminderResponses {
  pendingFor(citizenId: string): Promise<PendingReminder | undefined>;
  /** Records the reply; a postponement returns when it comes back, in words. */
  respond(citizenId: string, reminderId: string, reply: ReminderReply): Promise<{ until?: string }>;
  setPaused(citizenId: string, paused: boolean): Promise<void>;
  isPaused(citizenId: string): Promise<boolean>;
  nextFor(citizenId: string): Promise<Date | undefined>;
}

/** The citizen's data rights in chat: see everything, take it along, ask for erasure or restriction. */
export interface CitizenPrivacy {
  /** Everything held about the citizen, including who has looked at it. */
  data(citizenId: string): Promise<CitizenData>;
  /** A one-time, expiring link to the document and JSON, for this conversation only. */
  downloadLink(citizenId: string, conversationKey: string): Promise<{ url: string; minutes: number }>;
  /** Records the request for a coordinator to decide and tells the caseworker. */
  request(citizenId: string, kind: DataRequestKind): Promise<void>;
  /** Withdraws consent: recorded at once, reminders cancelled, the caseworker told. Returns how long what is kept stays. */
  withdrawConsent(citizenId: string): Promise<{ keptMonths: number }>;
}

/** Everything the citizen dialogs use, injected so tests can run them against any store. */
export interface CitizenServices {
  profiles: ProfileStore;
  goals: GoalStore;
  barriers: BarrierStore;
  alerts: CaseworkerAlerts;
  threads: CitizenThreads;
  checkIns: CheckInStore;
  progress: ProgressReports;
  reminders: ReminderResponses;
  privacy: CitizenPrivacy;
  /** The organisation's severity for an urgent-change kind (configurable by coordinators). */
  severityOf(citizenId: string, kind: UrgentChangeKind): Promise<Severity>;
  now: () => Date;
}
