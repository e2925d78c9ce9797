import type { StaffRole } from '../access.js';

/**
 * Everything Ledsager holds about one citizen, as plain data (GDPR Art. 15 and 20). The readable document, the
 * machine-readable JSON and "Se mine data" in chat are all made from this one shape, so none can leave anything out.
 * Dates are ISO 8601 strings so that the JSON is the same in every reader.
 */
export interface CitizenData {
  format: typeof CITIZEN_DATA_FORMAT;
  exportedAt: string;
  citizen: {
    id: string;
    name: string;
    locale: string;
    timeZone: string;
    status: string;
    programme: string | null;
    contactWindow: unknown;
    enrolledAt: string;
    endedAt: string | null;
    restrictedAt: string | null;
    caseworker: string;
    backupCaseworker: string | null;
  };
  channels: Array<{ channel: string; since: string; unreachableSince: string | null }>;
  consents: Array<{ decision: string; textVersion: string; at: string }>;
  goals: Array<{ text: string; origin: string; status: string; createdAt: string; steps: Array<{ text: string; dueDate: string | null; status: string; completedAt: string | null }> }>;
  barriers: Array<{ key: string; label: string; rank: number | null; whatWouldHelp: string | null; from: string; until: string | null }>;
  checkIns: Array<{
    status: string;
    startedAt: string;
    completedAt: string | null;
    answers: Array<{ itemId: string; question: string; answer: string | null; score: number | null; answeredAt: string }>;
    /** Factor scores 0–100 recomputed from the answers (null = not answered). */
    scores: Record<string, number | null> | null;
  }>;
  hours: Array<{ isoWeek: string; hours: number }>;
  assessments: Array<{ score: number; note: string | null; by: string; at: string }>;
  /** Reports, messages and what came back: the citizen's own words and the caseworkers' replies. */
  alerts: Array<{
    kind: string;
    severity: string;
    status: string;
    createdAt: string;
    resolvedAt: string | null;
    citizenText: string | null;
    events: Array<{ type: string; at: string; by: string | null; text: string | null }>;
  }>;
  reminders: Array<{ kind: string; dueAt: string; status: string; sentAt: string | null; answeredAt: string | null }>;
  requests: Array<{ kind: string; status: string; requestedAt: string; decidedAt: string | null; reason: string | null }>;
  /** Who has looked at the data (from the access log): by name and role, what, when and why. */
  accessLog: Array<{ at: string; staff: string | null; role: StaffRole; category: string; reason: string | null }>;
}

/** Bumped when the JSON's shape changes, so that a receiving system can tell versions apart (Art. 20). */
export const CITIZEN_DATA_FORMAT = 'ledsager-citizen-data/1';

/** Score of an answer on the 0–100 scale (index 0 is the most favourable of five options). */
export function answerScore(optionIndex: number | null): number | null {
  return optionIndex === null ? null : 100 - optionIndex * 25;
}

/** Counts per section: what the chat says before the details, and what a test can compare against the database. */
export function sectionCounts(data: CitizenData): Record<string, number> {
  return {
    goals: data.goals.length,
    steps: data.goals.reduce((sum, goal) => sum + goal.steps.length, 0),
    barriers: data.barriers.filter((barrier) => barrier.until === null).length,
    checkIns: data.checkIns.length,
    alerts: data.alerts.length,
    reminders: data.reminders.length,
    consents: data.consents.length,
    views: data.accessLog.length,
  };
}
