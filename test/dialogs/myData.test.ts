import { describe, expect, it } from 'vitest';
import { startCitizenDialog as start } from '../support/dialogClient.js';

describe('my data in chat (GDPR Art. 15, 17, 18, 20)', () => {
  it('when the citizen asks to see their data, then they see their goals in their own words and who has looked, by name and role', async () => {
    const { fake, walk } = start();
    fake.goals.push({ id: 'g1', text: 'Arbejde i en cykelbutik', status: 'ACTIVE', steps: [{ id: 's1', text: 'Ringe til Cykel-Ole', dueDate: null, status: 'OPEN' }] });
    fake.privacy.views.push({ at: '2026-11-20T09:00:00Z', staff: 'Mette Holm', role: 'CASEWORKER', category: 'summary', reason: null });
    const replies = await walk('hej', 'mine data', 'Se mine data');
    expect(replies).toMatch(/Arbejde i en cykelbutik/);
    expect(replies).toMatch(/Ringe til Cykel-Ole/);
    expect(replies).toMatch(/20\. november 2026: Mette Holm \(sagsbehandler\) så dit overblik/);
    expect(replies).toMatch(/Hent mine data/);
  });

  it('when nobody has looked yet, then the citizen is told so plainly', async () => {
    const { walk } = start();
    expect(await walk('hej', 'mine data', 'Se mine data')).toMatch(/Ingen fra jobcentret har set dine data endnu/);
  });

  it('when the citizen chooses "Hent mine data", then a one-time link is made for this conversation and shown with how long it works', async () => {
    const { fake, walk } = start();
    const replies = await walk('hej', 'mine data', 'Se mine data', 'Hent mine data');
    expect(replies).toMatch(/virker én gang og i 30 minutter:\nhttps:\/\/ledsager\.example\/my-data\/abc/);
    expect(fake.privacy.links).toEqual([expect.stringMatching(/^test\//)]);
  });

  it('when the citizen asks for erasure and confirms, then the request is recorded and they are told a coordinator decides and what may be kept', async () => {
    const { fake, walk } = start();
    const replies = await walk('hej', 'mine data', 'Se mine data', 'Slet mine data', 'ja');
    expect(fake.privacy.requests).toEqual(['ERASURE']);
    expect(replies).toMatch(/En koordinator beslutter det/);
    expect(replies).toMatch(/pligt til at gemme/);
  });

  it('when the citizen asks for restriction but says no, then nothing is requested', async () => {
    const { fake, walk } = start();
    expect(await walk('hej', 'mine data', 'Se mine data', 'Stop brugen af mine data', 'nej')).toMatch(/har ikke sendt noget/);
    expect(fake.privacy.requests).toEqual([]);
  });
});

describe('consent (GDPR Art. 7)', () => {
  it('when the citizen writes "Jeg vil ikke være med mere" and confirms, then consent is withdrawn at once, the caseworker is told, and the citizen hears what is kept and why', async () => {
    const { fake, walk } = start();
    expect(await walk('Jeg vil ikke være med mere')).toMatch(/Er du sikker\?/);
    const replies = await walk('ja');
    expect(fake.consents.at(-1)).toEqual({ decision: 'DECLINED', version: 'test-version' });
    expect(fake.alerts).toEqual([expect.objectContaining({ kind: 'consentWithdrawn', severity: 'NORMAL' })]);
    expect(replies).toMatch(/Jeg har sagt det til Mette/);
    expect(replies).toMatch(/fordi det er en del af din sag i jobcentret\. Det bliver slettet 12 måneder efter/);
    // Nothing is passed on any more: the next message starts with the information and the question again.
    expect(await walk('Jeg er syg')).toMatch(/Før vi starter, skal du vide lidt om/);
    expect(fake.alerts).toHaveLength(1);
  });

  it('when the privacy text has a new version, then a citizen who agreed to the old one is asked again', async () => {
    const { fake, walk } = start({ consent: 'ACCEPTED', consentVersion: 'older-version' });
    expect(await walk('hej')).toMatch(/Teksten om dine data er blevet ændret/);
    await walk('ja');
    expect(fake.consents.at(-1)).toEqual({ decision: 'ACCEPTED', version: 'test-version' });
  });
});

describe('restriction (GDPR Art. 18)', () => {
  it('when processing is restricted, then nothing is passed on and the citizen is told why and where to get help', async () => {
    const { fake, walk } = start({ consent: 'ACCEPTED', restricted: true });
    const replies = await walk('Jeg er blevet syg');
    expect(replies).toMatch(/ikke bruger dine data i Ledsager/);
    expect(replies).toMatch(/ring 112/);
    expect(fake.alerts).toEqual([]);
  });
});
