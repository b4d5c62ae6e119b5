import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from '../../src/testing/app-server.ts';
import type { DatabaseKind } from '../../src/testing/databases.ts';
import { builtLater } from '../../src/testing/world.ts';
import { launchBrowser } from './browser.ts';

/**
 * The shared setup of a browser journey: registers beforeAll (the whole shop on a real port and
 * headless Chromium, started together) and afterAll (closes both), and hands back both, ready
 * from beforeAll on.
 *
 *   const { server, browser } = useJourneyWorld();
 *   const shopper = await newShopper(browser, server.url);
 */
export function useJourneyWorld(options: { kind?: DatabaseKind } = {}) {
  const server = builtLater<TestServer>('server');
  const browser = builtLater<Browser>('browser');
  let started: { server?: TestServer; browser?: Browser } = {};

  beforeAll(async () => {
    const [shop, chromium] = await Promise.all([
      startTestServer({ kind: options.kind }).then((s) => (started.server = s)),
      launchBrowser().then((b) => (started.browser = b)),
    ]);
    server.set(shop);
    browser.set(chromium);
  });
  afterAll(async () => {
    await started.browser?.close();
    await started.server?.close();
    started = {};
  });

  return { server: server.part, browser: browser.part };
}
