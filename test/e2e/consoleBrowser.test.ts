/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser and use its DOM.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metteAndAnna, staffApi, useServiceWithChannel } from '../support/app.js';
import { axeViolations, hasChromium, launchChromium, screenshots, scrollsSideways, tabTo } from '../support/browser.js';
import { reportIllness } from '../support/console.js';

describe.skipIf(!hasChromium)('the staff console in a real browser', () => {
  const context = useServiceWithChannel();
  let browser: Browser;
  let anna: Awaited<ReturnType<typeof metteAndAnna>>;
  let mettePage: Page;
  let alertId = '';

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A page in its own browser context (its own cookies), as axe-core needs. */
  async function newPage(): Promise<Page> {
    const browserContext = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'da-DK' });
    return browserContext.newPage();
  }

  /** Every console page: no axe violations, no sideways scroll at 320 px, screenshots at 390 and 1366 px. */
  async function checkPage(page: Page, name: string): Promise<void> {
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollsSideways(page, 320)).toBe(false);
    await page.setViewportSize({ width: 1366, height: 900 });
    await screenshots(page, name);
  }

  it('when the coordinator follows the printed link, then the console opens; and "Log ud" signs out', async () => {
    const page = await newPage();
    await page.goto((await context.app.staffConsole.startupSignInLink(context.app.url)) as string);
    await expect.poll(() => page.title()).toBe('Indbakke – Ledsager');
    // A coordinator's menu has the coordinators' pages too.
    await expect
      .poll(() => page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link').allTextContents())
      .toEqual(expect.arrayContaining(['Indbakke', 'Borgere', 'Indstillinger', 'Personale']));
    await checkPage(page, 'console-inbox-empty');

    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.getByText('Du er logget ud.').waitFor();
    await checkPage(page, 'console-signed-out');
    await page.goto(`${context.app.url}/console`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    await page.close();
  });

  it('when Anna reports "jeg er blevet syg" in her chat, then the alert appears in Mette\'s open inbox without reloading', async () => {
    anna = await metteAndAnna(context.app, context.channel);
    const mette = await context.app.db.prisma.staff.findUniqueOrThrow({ where: { email: 'mette@example.dk' } });
    mettePage = await newPage();
    await mettePage.goto(await context.app.staffConsole.signInLinkFor(mette.id, context.app.url));
    await mettePage.getByText('Der er ingen henvendelser, der venter.').waitFor();
    await mettePage.evaluate(() => Object.assign(window, { sameDocument: true }));

    await reportIllness(anna.citizen);
    const heading = mettePage.getByRole('heading', { name: 'Haster: Syg eller indlagt fra Anna' });
    await heading.waitFor({ timeout: 20_000 });
    expect(await mettePage.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await expect.poll(() => mettePage.title()).toBe('(1) Indbakke – Ledsager');
    alertId = (await mettePage.locator('li.alert-row').first().getAttribute('id'))?.replace('alert-', '') as string;
    await checkPage(mettePage, 'console-inbox-alert');
  });

  it('when Mette uses only the keyboard, then she acknowledges, replies and resolves, and Anna\'s chat receives each', async () => {
    const page = mettePage;
    const chat = () => context.channel.textsIn('conv-anna');
    const before = chat().length;
    await page.keyboard.press('Home');
    await page.locator('body').focus();

    await tabTo(page, `#ack-${alertId}`);
    await page.keyboard.press('Enter');
    await page.getByText('Markeret som set. Anna har fået besked.').waitFor();
    await context.channel.waitForMessages('conv-anna', before + 1, 5_000);
    expect(chat().at(-1)).toMatch(/^Mette Holm har set din besked/);

    await tabTo(page, `#summary-${alertId}`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`reply-${alertId}`);
    await page.keyboard.type('God bedring. Jeg ringer i morgen kl. 10.');
    await tabTo(page, `#send-${alertId}`);
    await page.keyboard.press('Enter');
    await page.getByText('Dit svar er sendt til Anna.').waitFor();
    await context.channel.waitForMessages('conv-anna', before + 2, 5_000);
    expect(chat().at(-1)).toMatch(/God bedring\. Jeg ringer i morgen kl\. 10\./);
    await checkPage(page, 'console-inbox-replied');

    await tabTo(page, `#resolve-${alertId}`);
    await page.keyboard.press('Enter');
    await page.getByText('Henvendelsen fra Anna er afsluttet.').waitFor();
    await context.channel.waitForMessages('conv-anna', before + 3, 5_000);
    expect(chat().at(-1)).toMatch(/har afsluttet sagen/);
    expect(await page.locator(`#alert-${alertId}`).count()).toBe(0);
  });

  it('when a form is sent without its CSRF token, or by a caseworker about another\'s alert, then a 403 page that passes axe', async () => {
    await reportIllness(anna.citizen);
    await mettePage.goto(`${context.app.url}/console`);
    const openId = (await mettePage.locator('li.alert-row').first().getAttribute('id'))?.replace('alert-', '') as string;

    // A form without the token, as a cross-site page would send it.
    await mettePage.evaluate((id) => {
      const form = Object.assign(document.createElement('form'), { method: 'post', action: `/console/alerts/${id}/acknowledge` });
      document.body.append(form);
      form.submit();
    }, openId);
    await mettePage.getByRole('heading', { name: 'Formularen er udløbet' }).waitFor();
    await checkPage(mettePage, 'console-csrf-refused');

    const lone = await staffApi(context.app, 'POST', '/api/admin/caseworkers', { body: { name: 'Lone Berg', email: 'lone@example.dk' } });
    const lonePage = await newPage();
    await lonePage.goto(await context.app.staffConsole.signInLinkFor(String(lone.body.id), context.app.url));
    await lonePage.getByText('Der er ingen henvendelser, der venter.').waitFor();
    await lonePage.evaluate((id) => {
      const form = Object.assign(document.createElement('form'), { method: 'post', action: `/console/alerts/${id}/resolve` });
      const csrf = document.querySelector<HTMLInputElement>('input[name=_csrf]')?.cloneNode() as Node;
      form.append(csrf);
      document.body.append(form);
      form.submit();
    }, openId);
    await lonePage.getByRole('heading', { name: 'Du har ikke adgang til denne side' }).waitFor();
    await checkPage(lonePage, 'console-forbidden');
    await lonePage.goto(`${context.app.url}/console/does-not-exist`);
    await lonePage.getByRole('heading', { name: 'Siden findes ikke' }).waitFor();
    await checkPage(lonePage, 'console-not-found');
    await lonePage.close();
  });

  it('when Mette switches to English, then the inbox is in English and passes axe', async () => {
    await mettePage.goto(`${context.app.url}/console`);
    await mettePage.getByRole('link', { name: 'Read this in English' }).click();
    await mettePage.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    await checkPage(mettePage, 'console-inbox-en');
  });
});
