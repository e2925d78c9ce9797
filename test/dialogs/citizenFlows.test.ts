import { describe, expect, it } from 'vitest';
import { startCitizenDialog as start } from '../support/dialogClient.js';

describe('nothing answered is lost', () => {
  it('when the citizen cancels at the due-date question, then the step they named is kept', async () => {
    const { fake, walk } = start();
    await walk('hej', '2', 'Arbejde i en butik', 'ja', 'Ringe til butikken');
    expect(await walk('annuller')).toMatch(/Det, du har svaret, er gemt/);
    expect(fake.goals[0]?.steps).toEqual([expect.objectContaining({ text: 'Ringe til butikken', dueDate: null, status: 'OPEN' })]);
  });

  it('when the citizen cancels while ranking, then the chosen barriers and the ranks given so far are kept', async () => {
    const { fake, walk } = start();
    await walk('hej', 'det står i vejen', '1, 3, 5', '2');
    await walk('stop');
    expect(fake.barriers().map((barrier) => [barrier.key, barrier.rank])).toEqual([
      ['transport', null],
      ['money', 1],
      ['physicalHealth', null],
    ]);
  });
});

describe('goals', () => {
  it('when a goal is stated, then it is saved in the citizen words and the caseworker is told', async () => {
    const { fake, walk } = start();
    const replies = await walk('hej', 'mine mål', 'Jeg har en praktik i Netto');
    expect(replies).toMatch(/Dit mål er gemt: "Jeg har en praktik i Netto"/);
    expect(replies).toMatch(/Jeg har fortalt Mette om det\. Du kan forvente svar senest i morgen kl\. 11:00\./);
    expect(fake.alerts).toEqual([expect.objectContaining({ kind: 'internship-found', severity: 'NORMAL', citizenText: 'Jeg har en praktik i Netto' })]);
  });

  it('when the citizen does not know, then the wish path gives a goal and a first small step', async () => {
    const { fake, walk } = start();
    await walk('hej', '2', 'ved det ikke', '2', 'Komme mere ud af huset');
    const replies = await walk('Gå en tur hver dag');
    expect(replies).toMatch(/Dit mål er gemt: "Komme mere ud af huset"/);
    expect(fake.goals).toEqual([expect.objectContaining({ text: 'Komme mere ud af huset', steps: [expect.objectContaining({ text: 'Gå en tur hver dag' })] })]);
    expect(fake.alerts[0]).toMatchObject({ kind: 'goal-new', facts: expect.objectContaining({ origin: 'wish' }) });
  });

  it('when the citizen starts from earlier work, then the caseworker also hears what they liked', async () => {
    const { fake, walk } = start();
    await walk('hej', '2', 'Det ved jeg ikke endnu', '1', 'Lagerarbejde for 10 år siden', 'Kollegerne');
    expect(await walk('Arbejde på et lager igen')).toMatch(/Dit mål er gemt/);
    expect(fake.alerts[0]?.citizenText).toBe('Arbejde på et lager igen\n(Lagerarbejde for 10 år siden — Kollegerne)');
  });

  it('when a step gets a due date in Danish, then it is stored as that calendar date', async () => {
    const { fake, walk } = start(); // the fake clock: Monday 23 November 2026, 11:00 in Copenhagen
    expect(await walk('hej', '2', 'Mål', 'ja', 'Skridt', 'på fredag')).toMatch(/Senest 27\. nov\. 2026/);
    expect(fake.goals[0]?.steps[0]?.dueDate).toBe('2026-11-27');
  });

  it('when a date has passed or cannot be read, then the citizen is told how to write it and the step waits', async () => {
    const { fake, walk } = start();
    expect(await walk('hej', '2', 'Mål', 'ja', 'Skridt', '1/11-2026')).toMatch(/allerede gået/);
    expect(await walk('snart')).toMatch(/kunne jeg ikke læse/);
    expect(await walk('spring over')).toMatch(/Skridtet er gemt\./);
    expect(fake.goals[0]?.steps[0]).toMatchObject({ text: 'Skridt', dueDate: null });
  });

  it('when steps are done, changed and dropped, then the overview shows done steps as progress', async () => {
    const { fake, walk } = start();
    await walk('hej', '2', 'Mål', 'ja', 'Første', 'i morgen');
    await walk('2', '2', 'Andet', 'spring over');
    expect(await walk('2', '3', '1')).toMatch(/Flot klaret/);
    await walk('2', '4', '1', '2', 'om 2 uger');
    await walk('2', '5', '1');
    const overview = await walk('2');
    expect(overview).toMatch(/✓ Første/);
    expect(overview).not.toMatch(/Andet/);
    expect(fake.goals[0]?.steps.map((step) => [step.text, step.status])).toEqual([
      ['Første', 'DONE'],
      ['Andet', 'DROPPED'],
    ]);
  });
});

describe('goals change as experience grows', () => {
  // From the menu: "Mine mål", a goal without steps, then "Ændr et mål" (the goal actions' 6th entry).
  const withGoal = async (text = 'Arbejde i en butik') => {
    const session = start();
    await session.walk('hej', 'mine mål', text, 'nej');
    return session;
  };

  it('when the citizen rewords a goal, then it keeps its place with the new words', async () => {
    const { fake, walk } = await withGoal();
    expect(await walk('mine mål', 'ændr et mål')).toMatch(/Hvad vil du gøre med målet "Arbejde i en butik"\?/);
    expect(await walk('skrive det om', 'Arbejde i en genbrugsbutik')).toMatch(/Dit mål er nu: "Arbejde i en genbrugsbutik"/);
    expect(fake.goals.map((goal) => goal.text)).toEqual(['Arbejde i en genbrugsbutik']);
  });

  it('when the citizen puts a goal on hold and takes it up again, then the overview says so meanwhile', async () => {
    const { fake, walk } = await withGoal();
    expect(await walk('mine mål', 'ændr et mål', 'sætte det på pause')).toMatch(/Målet er sat på pause/);
    expect(await walk('mine mål')).toMatch(/\*\*Arbejde i en butik\*\* \(på pause\)/);
    expect(await walk('ændr et mål', 'tage det op igen')).toMatch(/Målet er i gang igen/);
    expect(fake.goals[0]?.status).toBe('ACTIVE');
  });

  it('when the citizen has reached a goal, then it is celebrated and the caseworker is told', async () => {
    const { fake, walk } = await withGoal();
    const replies = await walk('mine mål', 'ændr et mål', 'jeg har nået det');
    expect(replies).toMatch(/Tillykke! 🎉 Du har nået dit mål: "Arbejde i en butik"/);
    expect(replies).toMatch(/Jeg har fortalt Mette om det\./);
    expect(fake.alerts.at(-1)).toMatchObject({ kind: 'goal-reached', citizenText: 'Arbejde i en butik' });
    expect(fake.goals[0]?.status).toBe('ACHIEVED');
  });

  it('when the citizen drops a goal, then it is asked kindly first, removed, and the caseworker is told', async () => {
    const { fake, walk } = await withGoal();
    expect(await walk('mine mål', 'ændr et mål', 'det er ikke mit mål mere')).toMatch(/Det er helt i orden at skifte retning/);
    expect(await walk('ja')).toMatch(/Målet er fjernet/);
    expect(fake.alerts.at(-1)).toMatchObject({ kind: 'goal-dropped', citizenText: 'Arbejde i en butik' });
    expect(await walk('mine mål')).toMatch(/ikke skrevet nogen mål/);
  });
});

describe('agreement', () => {
  it('when the citizen says no, then it is recorded, they are told what that means, and asked again next time', async () => {
    const { fake, walk } = start({ consent: null });
    const declined = await walk('hej', 'dansk', 'nej tak');
    expect(declined).toMatch(/sender jeg ikke noget videre/);
    expect(declined).toMatch(/krise/);
    expect(declined).not.toMatch(/Hvad vil du gerne\?/);
    expect(fake.consents).toEqual([{ decision: 'DECLINED', version: 'test-version' }]);
    expect(await walk('hej igen')).toMatch(/Du har tidligere sagt nej tak/);
  });

  it('when the citizen agrees, then the version and contact window are recorded and the tour and menu follow', async () => {
    const { fake, walk } = start({ consent: null });
    const replies = await walk('hej', '1', 'ja', 'formiddag (9-12)');
    expect(replies).toMatch(/Her er, hvad jeg kan/);
    expect(replies).toMatch(/Hvad vil du gerne\?/);
    expect(fake.consents).toEqual([{ decision: 'ACCEPTED', version: 'test-version' }]);
    expect(fake.profile.contactWindow).toBe('morning');
  });

  it('when the citizen withdraws in settings, then it is recorded and the menu is not pushed on them', async () => {
    const { fake, walk } = start();
    const replies = await walk('hej', 'indstillinger', '7', 'ja');
    expect(replies).toMatch(/Du har stoppet/);
    expect(replies).not.toMatch(/Hvad vil du gerne\?/);
    expect(fake.profile.consent).toBe('DECLINED');
  });
});

describe('language', () => {
  it('when the citizen chooses English, then the conversation continues in English', async () => {
    const { fake, walk } = start({ consent: null });
    expect(await walk('hi', 'English')).toMatch(/Would you like to use Ledsager\?/);
    expect(fake.profile.locale).toBe('en');
    expect(await walk('Yes, I would')).toMatch(/When in the day suits you best/);
  });

  it('when the citizen changes language in settings, then the confirmation is already in the new language', async () => {
    const { fake, walk } = start();
    expect(await walk('hej', 'indstillinger', '1', 'english')).toMatch(/The language is now English/);
    expect(fake.profile.locale).toBe('en');
    expect(await walk('my goals')).toMatch(/You haven't written any goals yet/);
  });
});

describe('free text outside a dialog', () => {
  it('when a consented citizen writes something the companion knows, then it goes straight there', async () => {
    const { walk } = start();
    expect(await walk('jeg vil arbejde med mine mål')).toMatch(/ikke skrevet nogen mål/);
  });

  it('when a citizen writes something unknown, then they get the menu, never a dead end', async () => {
    const { walk } = start();
    expect(await walk('blablabla')).toMatch(/Hvad vil du gerne\?/);
  });
});
