import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** The system Chromium (apt package); journeys never download a browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A phone-sized viewport, where most customers shop. */
export const phone = { width: 390, height: 844 } as const;

const screenshotDir = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

/** Launches headless Chromium with everything that phones home switched off. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A shopper: own cookies, phone viewport, English unless told otherwise. */
export interface Shopper {
  context: BrowserContext;
  page: Page;
  /** Responses of 500 and above seen so far; a journey ends by asserting this is empty. */
  serverErrors: string[];
  /** Errors the browser logged (CSP violations show up here), for diagnosing a journey. */
  consoleErrors: string[];
}

/** A fresh browser context (a new visitor) on the shop at `baseURL`. */
export async function newShopper(
  browser: Browser,
  baseURL: string,
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<Shopper> {
  const context = await browser.newContext({
    baseURL,
    viewport: options.viewport ?? phone,
    locale: options.locale ?? 'en-GB',
    deviceScaleFactor: 1,
  });
  // A journey that waits on a missing element should fail in seconds, not at the test timeout.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const serverErrors: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 500) serverErrors.push(`${response.status()} ${response.url()}`);
  });
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  return { context, page, serverErrors, consoleErrors };
}

/**
 * Saves a screenshot as test-results/screenshots/<name>.png (gitignored): the whole page, or
 * only what fits on the screen for long listings.
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}
