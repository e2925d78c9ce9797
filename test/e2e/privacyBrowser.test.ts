import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffApi, useServiceWithChannel } from '../support/app.js';
import { axeViolations, hasChromium, launchChromium, screenshots, scrollsSideways } from '../support/browser.js';
import { distinctive, seedCitizenData } from '../support/privacySeed.js';

describe.skipIf(!hasChromium)('data protection pages in a real browser', () => {
  const context = useServiceWithChannel();
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function pageAs(staffId: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'da-DK' })).newPage();
    await page.goto(await context.app.staffConsole.signInLinkFor(staffId, context.app.url));
    return page;
  }

  /** No axe violations, no sideways scroll at 320 px, screenshots at 390 and 1366 px. */
  async function checkPage(page: Page, name: string): Promise<void> {
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollsSideways(page, 320)).toBe(false);
    await page.setViewportSize({ width: 1366, height: 900 });
    await screenshots(page, name);
  }

  it('when a caseworker records a request and gets the data, and a coordinator refuses it and reads the log, then every page is accessible', async () => {
    const { app } = context;
    const mette = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Mette Holm', email: 'mette@example.dk' } });
    const lene = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Lene Lund', email: 'lene@example.dk', role: 'COORDINATOR' } });
    const words = distinctive('browser');
    const citizen = await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: 'Anna Jensen', caseworkerId: mette.body.id } });
    await seedCitizenData(app.db.prisma, String(citizen.body.id), String(mette.body.id), words, new Date());

    const caseworker = await pageAs(String(mette.body.id));
    await caseworker.goto(`${app.url}/console/citizens/${citizen.body.id}/data`);
    await checkPage(caseworker, 'privacy-citizen-data');
    await caseworker.getByLabel('Sletning').check();
    await caseworker.getByRole('button', { name: 'Registrér ønsket' }).click();
    await caseworker.getByText('Ønsket er registreret.').waitFor();
    await checkPage(caseworker, 'privacy-citizen-recorded');
    await caseworker.goto(`${app.url}/console/citizens/${citizen.body.id}/data/export`);
    await caseworker.getByRole('heading', { name: 'Mine data i Ledsager' }).waitFor();
    await checkPage(caseworker, 'privacy-document');

    const coordinator = await pageAs(String(lene.body.id));
    await coordinator.getByRole('link', { name: 'Databeskyttelse' }).click();
    await coordinator.getByRole('heading', { name: 'Sletning: Anna Jensen' }).waitFor();
    await checkPage(coordinator, 'privacy-requests');
    await coordinator.getByLabel('Afvis').check();
    await coordinator.getByRole('button', { name: 'Gem afgørelsen' }).click();
    await coordinator.getByText('Skriv en begrundelse på mindst 10 tegn').first().waitFor();
    await checkPage(coordinator, 'privacy-requests-error');
    await coordinator.getByLabel('Begrundelse').fill('Oplysningerne indgår i sagen og skal gemmes efter arkivloven.');
    await coordinator.getByRole('button', { name: 'Gem afgørelsen' }).click();
    await coordinator.getByText('Ønsket er afvist med begrundelse.').waitFor();
    await checkPage(coordinator, 'privacy-requests-decided');
    await coordinator.getByRole('link', { name: 'Se adgangsloggen' }).click();
    await coordinator.getByRole('cell', { name: 'Mette Holm' }).first().waitFor();
    await checkPage(coordinator, 'privacy-access-log');
  });
});
