/**
 * What the dashboard's browser tests share: Debian's Chromium driven by playwright-core, and an
 * ADMIN signed in on a fresh page. Without /usr/bin/chromium the browser tests are skipped,
 * except in CI (CI=true), which installs Chromium and where a missing one fails.
 */
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO } from './stack';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumMissing = fs.existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing (apt-get install -y chromium)`;

/** `describe` when Chromium is here; otherwise a skip, or in CI a failing test. */
export function describeInChromium(name: string, body: () => void): void {
  if (chromiumMissing && process.env.CI === 'true') {
    test('Chromium is installed for the browser tests', () => {
      throw new Error(`${chromiumMissing}: CI must install it`);
    });
  } else if (chromiumMissing) {
    console.warn(`Skipping the browser tests: ${chromiumMissing}`);
    test.skip(`browser tests: skipped, ${chromiumMissing}`, () => undefined);
  }
  (chromiumMissing ? describe.skip : describe)(name, body);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export async function newPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Opens the dashboard at `dashboardUrl`, signs in as the demo ADMIN and waits until the board is live. */
export async function signInAsAdmin(page: Page, dashboardUrl: string): Promise<void> {
  await page.goto(dashboardUrl);
  await page.getByTestId('sign-in-email').fill(DEMO.ADMIN.email);
  await page.getByTestId('sign-in-password').fill(DEMO.ADMIN.password);
  await page.getByTestId('sign-in-submit').click();
  await page.locator('[data-testid="live-state"][data-state="live"]').waitFor();
}
