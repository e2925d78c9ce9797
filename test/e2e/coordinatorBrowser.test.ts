import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, type RunningApp } from '../../bot/app.js';
import { staffApi, startTestApp } from '../support/app.js';
import { StandInChannel } from '../support/standInChannel.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`${CHROMIUM} not found: skipping the coordinator pages' browser test.`);
const artifacts = join(projectRoot(), 'test-artifacts');

async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

async function scrollsSideways(page: Page): Promise<boolean> {
  return (await page.evaluate('document.documentElement.scrollWidth > document.documentElement.clientWidth')) === true;
}

/** Checks a page the way the issue asks: axe-core clean, no sideways scrolling at 320 px, screenshots at 390 and 1366 px. */
async function checkPage(context: BrowserContext, url: string, name: string): Promise<void> {
  const page = await context.newPage();
  for (const [width, height] of [[1366, 900], [390, 844], [320, 640]] as const) {
    await page.setViewportSize({ width, height });
    await page.goto(url);
    expect(await axeViolations(page), `${name} at ${width}px`).toEqual([]);
    expect(await scrollsSideways(page), `${name} scrolls sideways at ${width}px`).toBe(false);
    if (width !== 320) await page.screenshot({ path: join(artifacts, `coordinator-${name}-${width}.png`), fullPage: true });
  }
  await page.close();
}

/** Presses Tab until the element with this id has focus, as a keyboard user would; fails after `limit` presses. */
async function tabTo(page: Page, id: string, limit = 80): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if ((await page.evaluate('document.activeElement && document.activeElement.id')) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`#${id} not reached by keyboard`);
}

describe.skipIf(!hasChromium)('a coordinator runs the service from the console, in a real browser', () => {
  const channel = new StandInChannel();
  let app: RunningApp;
  let browser: Browser;
  let lone: BrowserContext;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    await channel.start();
    app = await startTestApp();
    const coordinator = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Lone Leder', email: 'lone@example.dk', role: 'COORDINATOR' } });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    lone = await browser.newContext({ locale: 'da-DK' });
    const page = await lone.newPage();
    await page.goto(await app.staffConsole.signInLinkFor(String(coordinator.body.id), app.url));
    await page.close();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await channel.stop();
  });

  it('when the coordinator sets the cadence to 4 weeks and then only the quiet hours, by keyboard alone, then the cadence is still 4 weeks', async () => {
    const page = await lone.newPage();
    await page.goto(`${app.url}/console/settings`);
    await tabTo(page, 'f-checkInWeeks');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    await page.waitForURL(/saved=reminders/);
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/Gemt/);

    await tabTo(page, 'f-quietFrom');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('21:00');
    await tabTo(page, 'f-quietTo');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('07:00');
    await Promise.all([page.waitForResponse((response) => response.url().endsWith('/console/settings/reminders')), page.keyboard.press('Enter')]);
    await page.waitForLoadState();
    const { reminders } = (await staffApi(app, 'GET', '/api/admin/settings')).body as { reminders: Record<string, unknown> };
    expect(reminders).toMatchObject({ checkInCadence: 'P4W', quietHours: { from: '21:00', to: '07:00' } });
    await page.close();
  });

  it('when a field is wrong, then the page says so in Danish next to the field and saves nothing', async () => {
    const page = await lone.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/console/settings`);
    await page.getByLabel('Puls hver … uge').fill('hver dag');
    await page.locator('#reminders button[type=submit]').click();
    await expect.poll(() => page.locator('#f-pulseWeeks-error').textContent()).toBe('Skriv et helt antal uger fra 1 til 52.');
    expect(await page.getByLabel('Puls hver … uge').getAttribute('aria-describedby')).toContain('f-pulseWeeks-error');
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#f-pulseWeeks').scrollIntoViewIfNeeded();
    await page.locator('#f-pulseWeeks').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'coordinator-settings-error-390.png') });
    expect(((await staffApi(app, 'GET', '/api/admin/settings')).body.reminders as Record<string, unknown>).pulseCadence).toBe('P1W');
    await page.close();
  });

  it('when the coordinator opens the log, then the cadence change is there with before and after', async () => {
    const page = await lone.newPage();
    await page.goto(`${app.url}/console/audit?action=settings.changed`);
    const rows = await page.locator('tbody tr').allTextContents();
    expect(rows.some((row) => /Lone Leder/.test(row) && /reminders\.checkInCadence: "P6W" → "P4W"/.test(row))).toBe(true);
    expect(rows.some((row) => /reminders\.quietHours\.from: "20:00" → "21:00"/.test(row))).toBe(true);
    await page.close();
  });

  it('when ten alerts with known acknowledgement times are in the history, then the dashboard shows their median, 90th percentile and share', async () => {
    const { prisma } = app.db;
    const mette = await staffApi(app, 'POST', '/api/admin/caseworkers', { body: { name: 'Mette Holm', email: 'mette@example.dk' } });
    const citizen = await staffApi(app, 'POST', '/api/admin/citizens', { body: { displayName: 'Anna', caseworkerId: mette.body.id } });
    const start = new Date(Date.now() - 3 * 86_400_000);
    for (const minutes of [1, 2, 3, 4, 5, 6, 7, 8, 9, 30]) {
      await prisma.alert.create({
        data: {
          citizenId: String(citizen.body.id),
          kind: 'message',
          severity: 'CRISIS',
          status: 'ACKNOWLEDGED',
          assigneeId: String(mette.body.id),
          createdAt: start,
          acknowledgedAt: new Date(start.getTime() + minutes * 60_000),
          dueAt: new Date(start.getTime() + (minutes > 15 ? 45 : 15) * 60_000),
          escalationLevel: minutes > 15 ? 2 : 0,
          events: {
            create: [
              { type: 'created', detail: { assigneeId: String(mette.body.id) }, at: start },
              ...(minutes > 15 ? [{ type: 'escalated', detail: {}, at: new Date(start.getTime() + 15 * 60_000) }] : []),
            ],
          },
        },
      });
    }
    const page = await lone.newPage();
    await page.goto(`${app.url}/console/dashboard`);
    const crisis = await page.locator('table').first().locator('tbody tr').first().locator('th, td').allTextContents();
    expect(crisis).toEqual(['KRISE', '10', '5,5', '9', '90 %', '1', '0', '–']);
    const csv = await page.evaluate(async () => (await fetch('/console/dashboard.csv')).text());
    expect(csv).toContain('severity,KRISE,10,5.5,9,0.9,1,0,');
    expect(csv).toContain('caseworker,Mette Holm,10,5.5,9,0.9,1,0,');
    await page.close();
  });

  it('when the coordinator pages are checked, then axe finds nothing and none scrolls sideways', async () => {
    await checkPage(lone, `${app.url}/console/settings`, 'settings');
    await checkPage(lone, `${app.url}/console/dashboard`, 'dashboard');
    await checkPage(lone, `${app.url}/console/audit`, 'audit');
  });
});
