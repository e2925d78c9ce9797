/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser and use its DOM.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { projectRoot, type RunningApp } from '../../bot/app.js';
import { startTestApp } from './app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`${CHROMIUM} not found: skipping the browser tests (CI installs Debian's chromium).`);

/** Debian's Chromium, headless, with the flags verified on these machines (see PLATFORM.md). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** WCAG 2.1 A and AA violations on the page as it is now, as "rule: target" lines (empty when clean). */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
}

/** True when the page is wider than the window at this width (it would scroll sideways). */
export async function scrollsSideways(page: Page, width: number): Promise<boolean> {
  const height = page.viewportSize()?.height ?? 800;
  await page.setViewportSize({ width, height });
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** Full-page screenshots at a phone's and a laptop's width into test-artifacts/<name>-<width>.png. */
export async function screenshots(page: Page, name: string, widths: number[] = [390, 1366]): Promise<void> {
  const folder = join(projectRoot(), 'test-artifacts');
  mkdirSync(folder, { recursive: true });
  const original = page.viewportSize() ?? { width: 1366, height: 900 };
  for (const width of widths) {
    await page.setViewportSize({ width, height: original.height });
    await page.screenshot({ path: join(folder, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(original);
}

/** Presses Tab (only the keyboard) until the element matching `selector` has focus; fails after `limit` presses. */
export async function tabTo(page: Page, selector: string, limit = 60): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`Tab never reached ${selector}; focus is on ${focused}`);
}

/** A running service (embedded database) and Debian's Chromium for one describe block. */
export function useServiceWithBrowser(env: Record<string, string> = {}) {
  const context = { app: undefined as unknown as RunningApp, browser: undefined as unknown as Browser };
  beforeAll(async () => {
    context.app = await startTestApp(env);
    context.browser = await launchChromium();
  });
  afterAll(async () => {
    await context.browser?.close();
    await context.app?.stop();
  });
  return context;
}
