import { describe, expect, it } from 'vitest';
import { startCitizenDialog as start } from '../support/dialogClient.js';

describe('something has changed', () => {
  it('when a citizen in the middle of adding a goal writes "jeg er blevet syg", then the urgent flow starts with their words kept', async () => {
    const { fake, walk } = start();
    await walk('hej', '2', 'Arbejde i en butik', 'ja');
    expect(await walk('jeg er blevet syg')).toMatch(/Fra hvornår og til hvornår\?/);
    const confirm = await walk('fra i går til fredag');
    expect(confirm).toMatch(/Jeg sender dette til Mette:\n\n\*\*Jeg er syg eller indlagt\*\*\n\n22\.–27\. november\n\n"jeg er blevet syg"/);
    const receipt = await walk('ja');
    expect(receipt).toMatch(/Tak\. Jeg har sendt det til Mette\. Du kan forvente svar senest/);
    // Two alerts: the new goal (normal), then the illness (urgent).
    expect(fake.alerts).toEqual([
      expect.objectContaining({ kind: 'goal-new', severity: 'NORMAL' }),
      expect.objectContaining({ kind: 'illness', severity: 'URGENT', facts: { from: '2026-11-22', to: '2026-11-27' }, citizenText: 'jeg er blevet syg' }),
    ]);
    // The goal they had already stated is still there.
    expect(fake.goals.map((goal) => goal.text)).toEqual(['Arbejde i en butik']);
  });

  it('when a citizen at the menu writes "jeg er blevet syg", then it is an illness report with their words, not a menu choice', async () => {
    const { fake, walk } = start();
    await walk('hej');
    expect(await walk('jeg er blevet syg')).toMatch(/Fra hvornår og til hvornår\?/);
    await walk('fra i går til fredag');
    await walk('ja');
    expect(fake.alerts).toEqual([expect.objectContaining({ kind: 'illness', citizenText: 'jeg er blevet syg' })]);
  });

  it('when chosen from the menu, then the kind is asked, the period is skippable and a description can be written', async () => {
    const { fake, walk } = start();
    expect(await walk('hej', '4')).toMatch(/Hvad er der sket\?/);
    expect(await walk('8')).toMatch(/Fra hvornår/);
    expect(await walk('spring over')).toMatch(/skrive lidt mere/);
    expect(await walk('Min mor er syg')).toMatch(/Skal jeg sende det\?/);
    await walk('ja');
    expect(fake.alerts[0]).toMatchObject({ kind: 'other', severity: 'NORMAL', citizenText: 'Min mor er syg' });
  });

  it('when the citizen says no at the confirmation, then nothing is sent and they are told so', async () => {
    const { fake, walk } = start();
    expect(await walk('hej', '4', '5', 'spring over', 'nej')).toMatch(/har ikke sendt noget/);
    expect(fake.alerts).toEqual([]);
  });

  it('when the period cannot be read, then the citizen is told how to write it', async () => {
    const { walk } = start();
    await walk('hej', '4', '1');
    expect(await walk('engang')).toMatch(/Det kunne jeg ikke læse/);
  });

  it('when a card with two dates is sent, then the period comes from it', async () => {
    const { fake, client, walk } = start();
    await walk('hej', '4', '1');
    await client.send({ type: 'message', value: { verb: 'answer', from: '2026-11-23', to: '2026-11-25' } });
    await walk('spring over', 'ja');
    expect(fake.alerts[0]?.facts).toEqual({ from: '2026-11-23', to: '2026-11-25' });
  });
});

describe('write to my caseworker', () => {
  it('when the message itself mentions illness, then it is sent as written, not turned into another flow', async () => {
    const { fake, walk } = start();
    await walk('hej', '3');
    expect(await walk('Jeg er syg og kan ikke komme torsdag')).toMatch(/Jeg har sendt det til Mette/);
    expect(fake.alerts).toEqual([expect.objectContaining({ kind: 'message', citizenText: 'Jeg er syg og kan ikke komme torsdag' })]);
  });

  it('when a citizen writes a message, then it is forwarded and the receipt names the caseworker and when', async () => {
    const { fake, walk } = start();
    expect(await walk('hej', '3')).toMatch(/Hvad vil du skrive til Mette\?/);
    expect(await walk('Kan vi mødes på torsdag?')).toMatch(/Jeg har sendt det til Mette\. Du kan forvente svar senest i morgen kl\. 11:00/);
    expect(fake.alerts).toEqual([expect.objectContaining({ kind: 'message', severity: 'NORMAL', citizenText: 'Kan vi mødes på torsdag?' })]);
  });
});
