import { foldText } from './text.js';

/** An alert as staff refer to it in text: the first six characters of its id, in capitals. */
export function alertReference(alertId: string): string {
  return alertId.replace(/-/g, '').slice(0, 6).toUpperCase();
}

export type StaffAction = 'acknowledge' | 'reply' | 'resolve';

export interface StaffCommand {
  action: StaffAction;
  reference: string;
  text?: string;
}

const verbs: Record<string, StaffAction> = {
  kvitter: 'acknowledge', set: 'acknowledge', ack: 'acknowledge', acknowledge: 'acknowledge', seen: 'acknowledge',
  svar: 'reply', reply: 'reply',
  loes: 'resolve', los: 'resolve', afslut: 'resolve', resolve: 'resolve', done: 'resolve',
};

/**
 * The text equivalent of the alert card's buttons: "kvitter 3F2A1C", "svar 3F2A1C Jeg ringer i morgen",
 * "løs 3F2A1C" (English: ack / reply / resolve). Undefined when the text is not such a command.
 */
export function parseStaffCommand(text: string): StaffCommand | undefined {
  const match = /^\s*(\S+)\s+([0-9a-fA-F]{6})\b\s*([\s\S]*)$/.exec(text);
  if (!match) return undefined;
  const action = verbs[foldText(match[1] as string)];
  if (!action) return undefined;
  const reference = (match[2] as string).toUpperCase();
  const rest = (match[3] ?? '').trim();
  if (action === 'reply') return rest ? { action, reference, text: rest } : undefined;
  return { action, reference };
}
