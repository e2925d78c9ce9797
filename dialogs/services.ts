import type { BarrierKey } from '../domain/barriers.js';
import type { ContactWindowKey } from '../domain/contactWindow.js';
import type { IsoDate } from '../domain/dates.js';
import type { Severity } from '../domain/sla.js';
import type { UrgentChangeKind } from '../domain/urgentChanges.js';

/** What the dialogs need to know about the citizen they are talking to. */
export interface CitizenProfile {
  citizenId: string;
  name: string;
  locale: 'da' | 'en';
  timeZone: string;
  consent: 'ACCEPTED' | 'DECLINED' | null;
  consentAt: Date | null;
  contactWindow: ContactWindowKey | null;
  caseworkerName: string;
}

export interface ProfileStore {
  get(citizenId: string): Promise<CitizenProfile>;
  recordConsent(citizenId: string, decision: 'ACCEPTED' | 'DECLINED', textVersion: string): Promise<void>;
  setLocale(citizenId: string, locale: 'da' | 'en'): Promise<void>;
  setContactWindow(citizenId: string, window: ContactWindowKey): Promise<void>;
  dataSummary(citizenId: string): Promise<{ goals: number; steps: number; barriers: number; alerts: number }>;
  /** The municipality's own information text and its version, when configured; else the default text. */
  privacyText(citizenId: string, locale: 'da' | 'en'): Promise<{ text: string | null; version: string }>;
}

export interface StepView {
  id: string;
  text: string;
  dueDate: IsoDate | null;
  status: 'OPEN' | 'DONE' | 'DROPPED';
}

export interface GoalView {
  id: string;
  text: string;
  steps: StepView[];
}

/** Goals and their small steps. Every call is scoped to the citizen: a step id of someone else's is not found. */
export interface GoalStore {
  list(citizenId: string): Promise<GoalView[]>;
  addGoal(citizenId: string, text: string, origin: 'own' | 'work' | 'wish'): Promise<GoalView>;
  addStep(citizenId: string, goalId: string, text: string, dueDate: IsoDate | null): Promise<StepView>;
  updateStep(citizenId: string, stepId: string, change: { text?: string; dueDate?: IsoDate | null; status?: 'DONE' | 'DROPPED' }): Promise<void>;
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

/** Everything the citizen dialogs use, injected so tests can run them against any store. */
export interface CitizenServices {
  profiles: ProfileStore;
  goals: GoalStore;
  barriers: BarrierStore;
  alerts: CaseworkerAlerts;
  /** The organisation's severity for an urgent-change kind (configurable by coordinators). */
  severityOf(citizenId: string, kind: UrgentChangeKind): Promise<Severity>;
  now: () => Date;
}
