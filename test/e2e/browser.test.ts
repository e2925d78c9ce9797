import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, type RunningApp } from '../../bot/app.js';
import { startTestApp, staffApi } from '../support/app.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`${CHROMIUM} not found: skipping the browser test (CI installs Debian's chromium).`);

/** Clicks the newest card button with this label (older cards keep theirs). */
async function click(page: Page, label: string): Promise<void> {
  const button = page.getByRole('button', { name: label, exact: true }).last();
  try {
    await button.waitFor({ state: 'visible', timeout: 20_000 });
  } catch (error) {
    // Show what was there instead: the buttons' names and a picture.
    await page.screenshot({ path: join(projectRoot(), 'test-artifacts', 'webchat-failure.png') });
    const names = await page.getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? b.textContent));
    throw new Error(`no button "${label}"; buttons: ${JSON.stringify(names.slice(-12))}`, { cause: error });
  }
  await button.click();
}

async function see(page: Page, text: string | RegExp): Promise<void> {
  try {
    await page.getByText(text).last().waitFor({ state: 'visible', timeout: 20_000 });
  } catch (error) {
    await page.screenshot({ path: join(projectRoot(), 'test-artifacts', 'webchat-failure.png') });
    throw error;
  }
}

/** Answers each check-in question by clicking, in order, then skips the hours question. */
async function answerCheckIn(page: Page, answers: readonly string[]): Promise<void> {
  for (const [index, answer] of answers.entries()) {
    await see(page, `Spørgsmål ${index + 1} af ${answers.length}`);
    await click(page, answer);
  }
  await see(page, /ordinære, betalte timer/);
  await click(page, 'Spring over');
}

describe.skipIf(!hasChromium)('the web chat page in a real browser', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(join(projectRoot(), 'test-artifacts'), { recursive: true });
    app = await startTestApp();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('when a citizen opens the page with an enrollment code, then they enroll, consent and answer a check-in by clicking buttons', async () => {
    const caseworker = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Mette Holm', email: 'mette@example.dk' } });
    const citizen = await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: 'Anna', caseworkerId: caseworker.body.id } });
    const page = await browser.newPage({ viewport: { width: 420, height: 860 }, locale: 'da-DK' });

    await page.goto(`${app.url}/?code=${String(citizen.body.enrollmentCode)}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeDefined();
    await see(page, 'Hej Anna. Velkommen! Nu er du forbundet med din sagsbehandler.');
    await click(page, '1. Ja, det vil jeg gerne');
    await see(page, /Hvornår på dagen/);
    await click(page, '1. Formiddag (9-12)');
    await see(page, /Her er, hvad jeg kan/);
    await click(page, '1. Hvordan går det?');
    await answerCheckIn(page, [
      '2. Jeg er nogenlunde sikker på, at jeg kan klare et arbejde',
      '1. Mit helbred er ikke i vejen for, at jeg kan arbejde',
      '6. Spring over',
      '1. Jeg har rigtig nemt ved at samarbejde med andre',
      '2. Min familie/venner støtter mig for det meste',
    ]);
    await see(page, 'Tak for dine svar! 🌱');
    await see(page, /Tro på mig selv: 75 af 100/);
    expect(await page.locator('#webchat img[src^="data:image/png"]').count()).toBeGreaterThan(0);

    const artifacts = join(projectRoot(), 'test-artifacts');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'webchat-check-in.png'), fullPage: false });

    // A reload keeps the conversation: the history is read back from the service.
    await page.reload();
    await see(page, 'Tak for dine svar! 🌱');

    // A caseworker's reply arrives in the open page, without reloading.
    // After a task one line says what comes next; the menu's words work there.
    await see(page, /Skriv menu for at se, hvad jeg kan/);
    await page.getByRole('textbox').last().fill('Skriv til min sagsbehandler');
    await page.keyboard.press('Enter');
    await see(page, /Hvad vil du skrive til Mette Holm\?/);
    await page.getByRole('textbox').last().fill('Kan vi tale i morgen?');
    await page.keyboard.press('Enter');
    await see(page, /Jeg har sendt det til Mette Holm/);
    const [alert] = (await staffApi(app, 'GET', '/api/admin/alerts')).body as unknown as Array<{ id: string }>;
    await staffApi(app, 'POST', `/api/admin/alerts/${alert?.id}/reply`, { body: { text: 'Ja, jeg ringer kl. 10.' } });
    await see(page, /Ja, jeg ringer kl\. 10\./);
    await page.screenshot({ path: join(projectRoot(), 'test-artifacts', 'webchat-reply.png') });
    await page.close();
  });

  it('when a citizen answers a check-in on a 390 px phone, then every option reads in full, each question comes once, a skipped item is a gap, and crisis numbers can be tapped', async () => {
    const caseworker = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Lise Lund', email: 'lise@example.dk' } });
    const citizen = await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: 'Bo', caseworkerId: caseworker.body.id } });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'da-DK', deviceScaleFactor: 2 });
    const artifacts = join(projectRoot(), 'test-artifacts');
    await page.goto(`${app.url}/?code=${String(citizen.body.enrollmentCode)}`);
    await see(page, /Velkommen/);
    await click(page, '1. Ja, det vil jeg gerne');
    await click(page, '1. Formiddag (9-12)');
    await click(page, '1. Hvordan går det?');
    await see(page, /Spørgsmål 1 af 5/);

    // Every option's whole text is on screen, wrapped inside the chat, never cut off with an ellipsis.
    const options = page.locator('#webchat [role="button"]').filter({ hasText: /^[1-6]\.\s/ });
    const shown = await options.evaluateAll((rows) =>
      rows.slice(-6).map((row) => {
        const box = row.getBoundingClientRect();
        const text = row as HTMLElement;
        const clipped = [text, ...Array.from(text.querySelectorAll('*'))]
          .map((element) => element as HTMLElement)
          // Cut off (an ellipsis shows only when text overflows its box) sideways or by a height limit.
          .filter((element) => element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1)
          .map((element) => `${element.tagName} ${element.scrollWidth}x${element.scrollHeight} in ${element.clientWidth}x${element.clientHeight}`);
        return { text: text.innerText.replace(/\s+/g, ' ').trim(), right: box.right, clipped };
      }),
    );
    await page.screenshot({ path: join(artifacts, 'phone-390-check-in-options.png') });
    expect(shown.map((option) => option.text)).toEqual([
      '1. Jeg er helt sikker på, at jeg kan klare at have et arbejde',
      '2. Jeg er nogenlunde sikker på, at jeg kan klare et arbejde',
      '3. Jeg er usikker på, om jeg kan klare at arbejde',
      '4. Jeg tvivler meget på, at jeg kan klare et arbejde',
      '5. Jeg tror slet ikke, at jeg kan klare et arbejde',
      '6. Spring over',
    ]);
    for (const option of shown) {
      expect(option.clipped).toEqual([]);
      expect(option.right).toBeLessThanOrEqual(390);
    }
    // The question once: the card alone, no numbered text list beside it.
    expect(await page.getByText(/Spørgsmål 1 af 5/).count()).toBe(1);
    expect(await page.getByText('Jeg er helt sikker på, at jeg kan klare at have et arbejde', { exact: false }).count()).toBe(1);

    await answerCheckIn(page, [
      '2. Jeg er nogenlunde sikker på, at jeg kan klare et arbejde',
      '6. Spring over',
      '1. Jeg ved lige, hvilket job jeg gerne vil have',
      '1. Jeg har rigtig nemt ved at samarbejde med andre',
      '2. Min familie/venner støtter mig for det meste',
    ]);
    await see(page, /Du sprang Helbred over\. Det er helt i orden\. Det står som et hul i diagrammet\./);
    const radar = page.locator('#webchat img[src^="data:image/png"]').first();
    await radar.scrollIntoViewIfNeeded();
    await radar.screenshot({ path: join(artifacts, 'phone-390-radar-gap.png') });
    await page.screenshot({ path: join(artifacts, 'phone-390-progress.png') });

    await page.getByRole('textbox').last().fill('jeg har selvmordstanker');
    await page.keyboard.press('Enter');
    await see(page, /Du skal ikke stå alene med det/);
    const phoneLinks = await page.locator('#webchat a[href^="tel:"]').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(phoneLinks).toContain('tel:112');
    await page.screenshot({ path: join(artifacts, 'phone-390-crisis.png') });
    await page.close();
  });
});
