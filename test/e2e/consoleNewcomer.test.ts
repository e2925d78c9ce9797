/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningApp } from '../../bot/app.js';
import { axeViolations, hasChromium, screenshots, useServiceWithBrowser } from '../support/browser.js';

/** The newest bot activity's position in the local web chat (the embedded Direct Line keeps them all). */
async function lastBotSeq(app: RunningApp): Promise<number> {
  const rows = await app.db.prisma.directLineActivity.findMany({ orderBy: { seq: 'desc' }, take: 20 });
  return rows.find((row) => (row.activity as { from?: { role?: string } }).from?.role !== 'user')?.seq ?? 0;
}

/** Everything the bot said after `seq`, cards included, as one text to read the question from. */
async function botSaidSince(app: RunningApp, seq: number): Promise<string> {
  const rows = await app.db.prisma.directLineActivity.findMany({ where: { seq: { gt: seq } }, orderBy: { seq: 'asc' } });
  return rows
    .map((row) => row.activity as { from?: { role?: string }; text?: string; attachments?: unknown[] })
    .filter((activity) => activity.from?.role !== 'user')
    .map((activity) => `${activity.text ?? ''} ${JSON.stringify(activity.attachments ?? [])}`)
    .join('\n');
}

/** Types into Web Chat and returns what the bot answered in that turn (the Direct Line answers the post once the turn is over). */
async function say(chat: Page, app: RunningApp, text: string): Promise<string> {
  const before = await lastBotSeq(app);
  const turnDone = chat.waitForResponse((response) => response.request().method() === 'POST' && /\/conversations\/[^/]+\/activities$/.test(new URL(response.url()).pathname));
  await chat.getByRole('textbox').last().fill(text);
  await chat.keyboard.press('Enter');
  await turnDone;
  return botSaidSince(app, before);
}

describe.skipIf(!hasChromium)('a newcomer, from npm start to an alert in the inbox, with no curl and no second tool', () => {
  const service = useServiceWithBrowser();

  it('when the newcomer signs in by the printed link, creates a caseworker and a citizen, and the citizen reports illness from the letter\'s link, then it appears in the inbox without reloading', async () => {
    const { app, browser } = service;
    const staffContext = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'da-DK' });
    const console = await staffContext.newPage();
    await console.goto((await app.staffConsole.startupSignInLink(app.url)) as string);
    await console.getByRole('heading', { name: 'Indbakke', level: 1 }).waitFor();

    // A caseworker, on the staff page.
    await console.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Personale' }).click();
    await console.getByLabel('Navn', { exact: true }).fill('Mette Holm');
    await console.getByLabel('E-mail', { exact: true }).fill('mette@example.dk');
    await console.getByRole('button', { name: 'Opret', exact: true }).click();
    await console.getByRole('heading', { name: 'Mette Holm er oprettet' }).waitFor();

    // A citizen, through the import (one line), and the letter with her link.
    await console.goto(`${app.url}/console/staff`);
    await console.getByRole('link', { name: 'Importér borgere fra en CSV-fil' }).click();
    await console.getByLabel('CSV-indhold').fill('navn;sagsbehandler\nAnna;mette@example.dk');
    await console.getByRole('button', { name: 'Gennemgå' }).click();
    await console.getByRole('button', { name: 'Gem 1 borger og lav brevet' }).click();
    const link = (await console.locator('a.letter-link').first().getAttribute('href')) as string;
    expect(link).toMatch(/code=/);

    // The coordinator's inbox stays open while Anna chats.
    await console.goto(`${app.url}/console`);
    await console.getByText('Der er ingen henvendelser, der venter.').waitFor();
    await console.evaluate(() => Object.assign(globalThis, { sameDocument: true }));

    const citizenContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'da-DK' });
    const chat = await citizenContext.newPage();
    await chat.goto(link);
    await expect.poll(() => botSaidSince(app, 0), { timeout: 20_000 }).toMatch(/Hej Anna/);
    // Agreement and time of day, as the newcomer would answer; then the report, answered by what the bot asks.
    let asked = await say(chat, app, 'ja');
    for (let step = 0; step < 4 && !/Hvad vil du gerne\?/.test(asked); step += 1) asked = await say(chat, app, '1');
    expect(asked).toMatch(/Hvad vil du gerne\?/);
    asked = await say(chat, app, 'jeg er blevet syg');
    for (let step = 0; step < 6 && !/Jeg har sendt det til/.test(asked); step += 1) {
      asked = await say(chat, app, /Hvad er der sket/.test(asked) ? '1' : /Fra hvornår/.test(asked) ? 'spring over' : /Skal jeg sende/.test(asked) ? 'ja' : 'spring over');
    }
    expect(asked).toMatch(/Jeg har sendt det til Mette Holm/);

    await console.getByRole('heading', { name: 'Haster: Syg eller indlagt fra Anna' }).waitFor({ timeout: 20_000 });
    expect(await console.evaluate(() => (globalThis as { sameDocument?: boolean }).sameDocument)).toBe(true);
    const waiting = await app.db.prisma.alert.count({ where: { status: 'OPEN' } });
    await expect.poll(() => console.title()).toBe(`(${waiting}) Indbakke – Ledsager`);
    expect(await axeViolations(console)).toEqual([]);
    await screenshots(console, 'console-newcomer-inbox');
    await staffContext.close();
    await citizenContext.close();
  });
});
