/** What a prompt asks for. */
export type PromptKind = 'choice' | 'freeText' | 'date' | 'hours';

export interface CitizenPrompt {
  name: string;
  kind: PromptKind;
  /** null: reached before the citizen has agreed. */
  consent?: null;
  /** What "menu" and "annuller" lead to there: the agreement until it is given, then the menu. */
  leadsTo?: RegExp;
  /** The messages that reach it from a first "hej". */
  reach: string[];
  asks: RegExp;
}

// Every prompt of the citizen dialogs, the inputs that reach it from a first "hej", and what it asks.
export const MENU = /Hvad vil du gerne\?\n\n1\. Hvordan går det\?\n2\. Mine mål\n3\. Skriv til min sagsbehandler\n4\. Noget har ændret sig\n5\. Mere/;
export const AGREEMENT = /Hvilket sprog|Vil du bruge Ledsager/;
// `leadsTo`: what "menu" and "annuller" lead to there: the agreement until it is given, then the menu.
export const citizenPrompts: CitizenPrompt[] = [
  { name: 'language', kind: 'choice', consent: null, leadsTo: AGREEMENT, reach: ['hej'], asks: /Hvilket sprog/ },
  { name: 'consent', kind: 'choice', consent: null, leadsTo: AGREEMENT, reach: ['hej', '1'], asks: /Vil du bruge Ledsager\?/ },
  { name: 'contact window', kind: 'choice', consent: null, reach: ['hej', '1', '1'], asks: /Hvornår på dagen/ },
  { name: 'menu', kind: 'choice', reach: ['hej'], asks: /Hvad vil du gerne\?/ },
  { name: 'goal', kind: 'freeText', reach: ['hej', '2'], asks: /arbejde hen imod/ },
  { name: 'guided path', kind: 'choice', reach: ['hej', '2', 'Det ved jeg ikke endnu'], asks: /finde et sted at starte/ },
  { name: 'earlier work', kind: 'freeText', reach: ['hej', '2', 'ved det ikke endnu', '1'], asks: /Hvilket arbejde/ },
  { name: 'what was liked', kind: 'freeText', reach: ['hej', '2', 'ved det ikke endnu', '1', 'Lager'], asks: /kunne du godt lide/ },
  { name: 'goal from work', kind: 'freeText', reach: ['hej', '2', 'ved det ikke endnu', '1', 'Lager', 'Kollegerne'], asks: /Kunne noget af det blive et mål/ },
  { name: 'wish', kind: 'freeText', reach: ['hej', '2', 'ved det ikke endnu', '2'], asks: /mere af i dit liv/ },
  { name: 'first step of wish', kind: 'freeText', reach: ['hej', '2', 'ved det ikke endnu', '2', 'Komme mere ud'], asks: /første lille skridt/ },
  { name: 'add a step now', kind: 'choice', reach: ['hej', '2', 'Arbejde i en butik'], asks: /tilføje et lille skridt nu/ },
  { name: 'step text', kind: 'freeText', reach: ['hej', '2', 'Arbejde i en butik', 'ja'], asks: /næste lille skridt/ },
  { name: 'due date', kind: 'date', reach: ['hej', '2', 'Arbejde i en butik', 'ja', 'Ringe'], asks: /Hvornår vil du gerne have gjort det/ },
  { name: 'goal actions', kind: 'choice', reach: ['hej', '2', 'Mål', 'nej', '2'], asks: /Hvad vil du gøre\?/ },
  { name: 'barriers', kind: 'choice', reach: ['hej', 'det står i vejen'], asks: /svært for dig lige nu/ },
  { name: 'other barrier', kind: 'freeText', reach: ['hej', 'det står i vejen', '12'], asks: /Hvad er det andet/ },
  { name: 'rank', kind: 'choice', reach: ['hej', 'det står i vejen', '1, 2'], asks: /vigtigst at arbejde med først/ },
  { name: 'rank, second round', kind: 'choice', reach: ['hej', 'det står i vejen', '1, 2, 3', '1'], asks: /Og hvad kommer derefter/ },
  { name: 'what would help, second barrier', kind: 'freeText', reach: ['hej', 'det står i vejen', '1, 2', '1', 'Et buskort'], asks: /kunne hjælpe med/ },
  { name: 'what would help', kind: 'freeText', reach: ['hej', 'det står i vejen', '1'], asks: /kunne hjælpe med/ },
  { name: 'check-in question', kind: 'choice', reach: ['hej', '1'], asks: /Spørgsmål 1 af 5/ },
  { name: 'check-in question 2', kind: 'choice', reach: ['hej', '1', '2'], asks: /Spørgsmål 2 af 5/ },
  { name: 'weekly hours', kind: 'hours', reach: ['hej', '1', '1', '2', '3', '4', '5'], asks: /ordinære, betalte timer/ },
  { name: 'resume check-in', kind: 'choice', reach: ['hej', '1', '1', 'stop', '1'], asks: /fortsætte, hvor du slap/ },
  { name: 'urgent change kind', kind: 'choice', reach: ['hej', '4'], asks: /Hvad er der sket\?/ },
  { name: 'period', kind: 'date', reach: ['hej', '4', '1'], asks: /Fra hvornår og til hvornår/ },
  { name: 'urgent description', kind: 'freeText', reach: ['hej', '4', '5'], asks: /skrive lidt mere/ },
  { name: 'urgent confirmation', kind: 'choice', reach: ['hej', '4', '5', 'spring over'], asks: /Skal jeg sende det\?/ },
  { name: 'message to caseworker', kind: 'freeText', reach: ['hej', '3'], asks: /Hvad vil du skrive til Mette/ },
  { name: 'settings', kind: 'choice', reach: ['hej', 'indstillinger'], asks: /Indstillinger og mine data/ },
  { name: 'language in settings', kind: 'choice', reach: ['hej', 'indstillinger', '1'], asks: /Hvilket sprog/ },
  { name: 'withdraw', kind: 'choice', reach: ['hej', 'indstillinger', '7'], asks: /Er du sikker\?/ },
];

