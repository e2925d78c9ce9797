import { containsPhrase, foldText } from './text.js';

/** Commands that work at every prompt. */
export type GlobalCommand = 'help' | 'menu' | 'cancel';

const globalCommands: Record<GlobalCommand, string[]> = {
  help: ['help', 'hjælp', 'hjaelp', 'hjalp', 'hjelp', '?'],
  menu: ['menu', 'menuen', 'hovedmenu', 'main menu', 'start forfra'],
  cancel: ['cancel', 'stop', 'stopp', 'annuller', 'annullér', 'anuller', 'afbryd', 'fortryd', 'quit', 'exit'],
};

/** Each command word folded once, as a message is folded: the lookup runs on every message. The first command listing a word has it. */
const commandOfWord = new Map<string, GlobalCommand>();
for (const [command, words] of Object.entries(globalCommands) as Array<[GlobalCommand, string[]]>) {
  for (const word of words) {
    const folded = foldText(word) || word;
    if (!commandOfWord.has(folded)) commandOfWord.set(folded, command);
  }
}

/** A global command when the whole message is one ("Stop!", " hjælp "); otherwise undefined. */
export function recognizeGlobalCommand(text: string): GlobalCommand | undefined {
  return commandOfWord.get(foldText(text) || text.trim());
}

/** The main menu's entries, in menu order. */
export const MENU_ENTRIES = ['goals', 'barriers', 'checkIn', 'urgent', 'message', 'progress', 'settings'] as const;
export type MenuEntry = (typeof MENU_ENTRIES)[number];

// Keywords for free text outside a dialog. Urgent comes first: "I'm sick of my goals" should reach a person.
const intentKeywords: Array<[MenuEntry, string[]]> = [
  ['urgent', ['syg', 'sygemeldt', 'indlagt', 'hospital', 'sick', 'ill', 'akut', 'urgent', 'noget er sket', 'something happened', 'ændret', 'changed']],
  ['message', ['skriv til', 'besked', 'sagsbehandler', 'caseworker', 'message', 'write to']],
  ['goals', ['mål', 'maal', 'delmål', 'goal', 'goals', 'step', 'skridt']],
  ['barriers', ['barriere', 'barrierer', 'svært', 'svaert', 'i vejen', 'problem', 'problemer', 'barrier', 'barriers', 'in my way']],
  ['checkIn', ['check in', 'checkin', 'tjek ind', 'spørgsmål', 'sporgsmaal', 'hvordan går det', 'how am i doing']],
  ['progress', ['fremskridt', 'udvikling', 'progress', 'graf', 'chart']],
  ['settings', ['indstillinger', 'settings', 'sprog', 'language', 'mine data', 'my data', 'samtykke', 'consent']],
];

/** A menu entry named by free text, or undefined (then the menu is shown). */
export function recognizeIntent(text: string): MenuEntry | undefined {
  const folded = foldText(text);
  if (!folded) return undefined;
  return intentKeywords.find(([, keywords]) => keywords.some((keyword) => containsPhrase(folded, keyword)))?.[0];
}
