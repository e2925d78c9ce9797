import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, type RunningApp } from '../../bot/app.js';
import { metteAndAnna, staffApi, startTestApp } from '../support/app.js';
import { tellCitizenStory } from '../support/citizenStory.js';
import { axeViolations } from '../support/browser.js';
import { StandInChannel } from '../support/standInChannel.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`${CHROMIUM} not found: skipping the console's citizen-page browser test.`);
const artifacts = join(projectRoot(), 'test-artifacts');

/** True when the page is wider than the window, i.e. it scrolls sideways. */
async function scrollsSideways(page: Page): Promise<boolean> {
  return (await page.evaluate('document.documentElement.scrollWidth > document.documentElement.clientWidth')) === true;
}

async function openPage(context: BrowserContext, width: number, height: number): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  return page;
}

describe.skipIf(!hasChromium)('the citizen page and the letter in a real browser', () => {
  const channel = new StandInChannel();
  let app: RunningApp;
  let browser: Browser;
  let mette: BrowserContext;
  let annaId = '';
  let boId = '';

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    await channel.start();
    app = await startTestApp();
    const anna = await metteAndAnna(app, channel);
    annaId = anna.citizenId;
    const metteId = (await app.db.prisma.staff.findUniqueOrThrow({ where: { email: 'mette@example.dk' } })).id;
    await tellCitizenStory(app.db.prisma, annaId, metteId);
    // A message both ways, exchanged for real: the caseworker writes, the citizen answers in her chat.
    const ole = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Ole Berg', email: 'ole@example.dk' } });
    boId = String((await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: 'Bo', caseworkerId: ole.body.id } })).body.id);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    mette = await browser.newContext({ locale: 'da-DK' });
    const page = await mette.newPage();
    await page.goto(await app.staffConsole.signInLinkFor(metteId, app.url));
    await page.goto(`${app.url}/console/citizens/${annaId}`);
    await page.getByRole('textbox', { name: 'Skriv til Anna' }).fill('Kan du komme torsdag?');
    await page.getByRole('button', { name: 'Send besked' }).click();
    await page.getByText('Din besked er sendt til Anna.').waitFor();
    await anna.citizen.say('Ja det kan jeg godt');
    await page.close();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await channel.stop();
  });

  it('when Mette opens Anna\'s page, then goals, ranked barriers, progress with F and the two-way messages are shown, accessibly, at 1366 and 390 px', async () => {
    const page = await openPage(mette, 1366, 900);
    await page.goto(`${app.url}/console/citizens/${annaId}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Anna' }).isVisible()).resolves.toBe(true);
    const goals = page.locator('section[aria-labelledby="goals-title"]');
    await expect(goals.getByText('Arbejde i en butik').isVisible()).resolves.toBe(true);
    await expect(goals.getByText('Ringe til Netto om praktik').isVisible()).resolves.toBe(true);
    const barriers = await page.locator('.barrier-name strong').allTextContents();
    expect(barriers).toEqual(['Transport og at komme rundt', 'Tro på mig selv', 'Penge og gæld']);
    await expect(page.locator('.factor-f-score').textContent()).resolves.toBe('3 af 5');
    await expect(page.getByRole('img', { name: /Edderkoppediagram/ }).isVisible()).resolves.toBe(true);
    const radarTable = await page.locator('#radar-title ~ table tbody tr').count();
    expect(radarTable).toBe(5);
    const timeline = page.locator('section[aria-labelledby="timeline-title"]');
    await expect(timeline.locator('.timeline-fromCitizen blockquote').first().textContent()).resolves.toBe('Ja det kan jeg godt');
    await expect(timeline.locator('.timeline-toCitizen blockquote').first().textContent()).resolves.toBe('Kan du komme torsdag?');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'console-citizen-1366.png'), fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(artifacts, 'console-citizen-390.png'), fullPage: true });
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await scrollsSideways(page)).toBe(false);
    await page.close();
  });

  it('when Mette opens "Borgere", then her caseload is accessible and fits a phone', async () => {
    const page = await openPage(mette, 1366, 900);
    await page.goto(`${app.url}/console/citizens`);
    await expect(page.getByRole('link', { name: 'Anna' }).isVisible()).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'console-caseload-1366.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(artifacts, 'console-caseload-390.png'), fullPage: true });
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await scrollsSideways(page)).toBe(false);
    await page.close();
  });

  it('when Mette makes a new code, then the letter prints on one page with the code and the QR code, and nothing of the console', async () => {
    const page = await openPage(mette, 1366, 900);
    await page.goto(`${app.url}/console/citizens/${annaId}`);
    await page.getByRole('button', { name: 'Lav ny kode og brev' }).click();
    await page.getByRole('heading', { name: 'Kom i gang med Ledsager' }).waitFor();
    const code = await page.locator('.letter-code').textContent();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expect(page.getByRole('img', { name: 'QR-kode til chatten med din kode' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Print brevet' }).isVisible()).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'console-letter-1366.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(artifacts, 'console-letter-390.png'), fullPage: true });
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await scrollsSideways(page)).toBe(false);

    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('header.header').isVisible()).resolves.toBe(false);
    await expect(page.locator('.letter-tools').isVisible()).resolves.toBe(false);
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: join(artifacts, 'console-letter-print.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await import('node:fs/promises').then((fs) => fs.writeFile(join(artifacts, 'console-letter.pdf'), pdf));
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBe(1);
    await page.close();
  });

  it('when Mette opens another caseworker\'s citizen, then the browser shows the 403 page', async () => {
    const page = await mette.newPage();
    const response = await page.goto(`${app.url}/console/citizens/${boId}`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Du har ikke adgang til denne side');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
