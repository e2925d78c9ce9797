import { describe, expect, it } from 'vitest';
import { startCitizenDialog as start } from '../support/dialogClient.js';

describe('answering a reminder', () => {
  it('when a check-in reminder was sent and the citizen answers "ja", then the check-in starts', async () => {
    const { fake, walk } = start();
    fake.remind('checkIn');
    expect(await walk('ja')).toMatch(/Spørgsmål 1 af 5/);
    expect(fake.replies.map((reply) => reply.reply)).toEqual(['now']);
  });

  it('when the citizen clicks "I morgen" on the card in the middle of another dialog, then it is postponed and they are told when', async () => {
    const { fake, client, walk } = start();
    await walk('hej', '2');
    fake.remind('pulse');
    const replies = await client.send({ type: 'message', value: { verb: 'reminder.reply', reply: 'tomorrow', reminderId: 'x' } });
    expect(replies.join('\n')).toMatch(/Jeg minder dig om det igen i morgen kl\. 11:00/);
    expect(fake.replies.map((reply) => reply.reply)).toEqual(['tomorrow']);
  });

  it('when the weekly pulse is answered, then hours are saved and news goes to the caseworker', async () => {
    const { fake, walk } = start();
    fake.remind('pulse');
    expect(await walk('yes now')).toMatch(/ordinære, betalte timer/);
    expect(await walk('12')).toMatch(/Er der noget, din sagsbehandler skal vide/);
    expect(await walk('Jeg har fået en samtale på fredag')).toMatch(/Tak! Det er gemt/);
    expect([...fake.hours.values()]).toEqual([12]);
    expect(fake.alerts).toEqual([expect.objectContaining({ kind: 'message', citizenText: 'Jeg har fået en samtale på fredag' })]);
  });

  it('when the citizen says "ikke nu", then it is fine and nothing starts', async () => {
    const { fake, walk } = start();
    fake.remind('checkIn');
    expect(await walk('ikke nu')).toMatch(/det er helt fint/);
    expect(fake.checkIns).toEqual([]);
  });

  it('when no reminder is pending, then "ja" is just a message and the menu follows', async () => {
    const { walk } = start();
    expect(await walk('ja')).toMatch(/Hvad vil du gerne\?/);
  });

  it('when the citizen pauses reminders in settings, then they are paused', async () => {
    const { fake, walk } = start();
    expect(await walk('hej', 'indstillinger')).toMatch(/Der er ingen påmindelser planlagt lige nu/);
    expect(await walk('3')).toMatch(/Påmindelserne er sat på pause/);
    expect(fake.paused.value).toBe(true);
  });

  it('when the citizen writes again after pausing, then they are offered to start reminders again', async () => {
    const { fake, walk } = start();
    await walk('hej', 'indstillinger', '3');
    expect(await walk('hej')).toMatch(/Dine påmindelser er på pause\. Hvad vil du gerne\?[\s\S]*6\. Start påmindelser igen/);
    expect(await walk('start')).toMatch(/Påmindelserne er startet igen/);
    expect(fake.paused.value).toBe(false);
    expect(await walk('hej')).not.toMatch(/Start påmindelser igen/);
  });
});

describe('answering a reminder from the menu', () => {
  it('when the citizen is at the menu and answers "ja" to a pending reminder, then the check-in starts instead of "not understood"', async () => {
    const { fake, walk } = start();
    expect(await walk('hej')).toMatch(/Hvad vil du gerne\?/);
    fake.remind('checkIn');
    expect(await walk('ja')).toMatch(/Spørgsmål 1 af 5/);
  });
});
