import type { TurnContext } from 'botbuilder';
import type { TFunction } from 'i18next';
import { translator } from '../locales/i18n.js';

/** The citizen a turn belongs to, set by the bot before any dialog runs. */
export interface TurnCitizen {
  citizenId: string;
  locale: 'da' | 'en';
  timeZone: string;
}

const TURN_CITIZEN = Symbol('turnCitizen');

export function setTurnCitizen(context: TurnContext, citizen: TurnCitizen): void {
  context.turnState.set(TURN_CITIZEN, citizen);
}

export function turnCitizen(context: TurnContext): TurnCitizen {
  const citizen = context.turnState.get(TURN_CITIZEN) as TurnCitizen | undefined;
  if (!citizen) throw new Error('Citizen dialogs ran without a citizen on the turn');
  return citizen;
}

/** Translate in the citizen's current language (which can change mid-conversation in settings). */
export function citizenT(context: TurnContext): TFunction {
  return translator(turnCitizen(context).locale);
}
