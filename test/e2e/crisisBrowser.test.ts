import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../bot/app.js';
import { startTestApp } from '../support/app.js';
import { axeViolations, hasChromium, launchChromium, screenshots } from '../support/browser.js';

async function see(page: Page, text: string | RegExp): Promise<void> {
  await page.getByText(text).last().waitFor({ state: 'visible', timeout: 40_000 });
}

describe.skipIf(!hasChromium)('the safety message in the web chat, in a real browser', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('when someone writes that they stand on a roof, then the numbers are tappable lines, 112 first, and "Er du i sikkerhed lige nu?" has three buttons; "Nej" repeats 112', { timeout: 90_000 }, async () => {
    // A context of its own, as axe-core needs.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'da-DK' });
    const page = await context.newPage();
    await page.goto(app.url);
    // Typed once the chat has greeted: a message typed while Web Chat is still connecting can stay in the box.
    await see(page, /Jeg er Ledsager/);
    await page.getByRole('textbox').last().fill('jeg står på taget');
    await page.keyboard.press('Enter');
    await see(page, /Du skal ikke stå alene med det/);

    // Each place to turn is its own paragraph with a tel: link, 112 first.
    const links = await page.locator('#webchat a[href^="tel:"]').evaluateAll((found) =>
      // Web Chat puts zero-width spaces around link texts.
      found.map((link) => ({ href: link.getAttribute('href'), paragraph: (link.closest('p')?.textContent ?? '').replace(/\u200b/g, '') })),
    );
    expect(links.map((link) => link.href)).toEqual(['tel:112', 'tel:70201201', 'tel:1813']);
    expect(new Set(links.map((link) => link.paragraph)).size).toBe(3);
    expect(links[0]?.paragraph).toMatch(/^112 – Alarmcentralen/);

    await see(page, 'Er du i sikkerhed lige nu?');
    for (const label of ['Ja', 'Nej', 'Jeg ved det ikke']) await page.getByRole('button', { name: label, exact: true }).last().waitFor();
    await screenshots(page, 'crisis-safety-message');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Nej', exact: true }).last().click();
    await see(page, /De kan hjælpe dig med det samme/);
    expect(await page.locator('#webchat a[href="tel:112"]').count()).toBeGreaterThanOrEqual(2);
    await screenshots(page, 'crisis-not-safe');
    await context.close();
  });
});
