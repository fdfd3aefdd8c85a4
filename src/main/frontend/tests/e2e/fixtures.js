/**
 * What the end-to-end tests share: one chat server per Playwright worker (tests run in one worker, so one server for
 * every file: each start costs 20-40 s), with an HTTPS listener besides HTTP; and users signed in through dev mode,
 * each in a browser context of their own that is closed when the test ends (an open tab keeps its user online and
 * would change what the next test sees). Tests use their own user ids, so they share the database without meeting.
 */
import { test as base, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChatServer } from './chat-server.js';

export { expect };

export const DESKTOP = { width: 1200, height: 760 };
export const PHONE = { width: 360, height: 740 };
/** How long a reconnect may take in a test before it fails: the server restarts in 20-40 s on a busy machine. */
export const RECONNECT_TIMEOUT = 90_000;

const SCREENSHOTS = process.env.E2E_SCREENSHOTS === '1';
const SCREENSHOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../docs/screenshots');

/**
 * @typedef {{ viewport?: { width: number, height: number }, https?: boolean, screenshotAs?: string }} SignInOptions
 * @typedef {(userId: string, name: string, options?: SignInOptions) => Promise<import('@playwright/test').Page>} SignIn
 */

/** @type {import('@playwright/test').TestType<{ signIn: SignIn }, { server: ChatServer }>} */
export const test = base.extend({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await ChatServer.start({ tls: true });
      await use(server);
      await server.stop();
    },
    { scope: 'worker', timeout: 240_000 }
  ],

  signIn: async ({ browser, server }, use) => {
    /** @type {import('@playwright/test').BrowserContext[]} */
    const contexts = [];
    await use(async (userId, name, { viewport = DESKTOP, https = false, screenshotAs } = {}) => {
      const context = await browser.newContext({
        viewport,
        // the HTTPS listener's certificate is self-signed, made by the test run
        ignoreHTTPSErrors: https,
        permissions: ['clipboard-read', 'clipboard-write']
      });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(https ? server.httpsUrl : server.baseUrl);
      await page.getByTestId('signin-user').fill(userId);
      await page.getByTestId('signin-name').fill(name);
      if (screenshotAs) await screenshot(page, screenshotAs);
      await page.getByTestId('signin-submit').click();
      await expect(page.getByTestId('me-name')).toHaveText(name);
      await expectLive(page);
      return page;
    });
    for (const context of contexts) await context.close();
  }
});

/** Rewrites docs/screenshots/NAME.png when E2E_SCREENSHOTS=1. @param {import('@playwright/test').Page} page @param {string} name */
export async function screenshot(page, name) {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`) });
}

/** @param {import('@playwright/test').Page} page @param {number} [timeout] */
export async function expectLive(page, timeout) {
  await expect(page.getByTestId('connection-banner')).toHaveAttribute('data-status', 'live', { timeout });
}

/** @param {import('@playwright/test').Page} page @param {string} text */
export async function send(page, text) {
  await page.getByTestId('composer').fill(text);
  await page.getByTestId('composer').press('Enter');
  await expect(page.getByTestId('composer')).toHaveValue('');
}

/** The message row whose text is exactly `text`. @param {import('@playwright/test').Page} page @param {string} text */
export function message(page, text) {
  return page.getByTestId('message').filter({ has: page.getByTestId('message-text').getByText(text, { exact: true }) });
}

/** @param {import('@playwright/test').Page} page @param {string} title */
export function conversationItem(page, title) {
  return page.locator(`[data-testid="conversation-item"][data-title="${title}"]`);
}

/** @param {import('@playwright/test').Page} page @param {string} title */
export async function openConversation(page, title) {
  await conversationItem(page, title).click();
  await expect(page.getByTestId('conversation-title')).toHaveText(title);
}

/**
 * Creates a group and returns its invite code, leaving the group open.
 * @param {import('@playwright/test').Page} page @param {string} name
 */
export async function createGroup(page, name) {
  await page.getByTestId('new-group').click();
  await page.getByTestId('group-name').fill(name);
  await page.getByTestId('group-create').click();
  const code = page.getByTestId('new-group-dialog').getByTestId('invite-code');
  await expect(code).toHaveValue(/^[A-Za-z0-9_-]{16}$/);
  const inviteCode = await code.inputValue();
  await page.getByTestId('dialog-done').click();
  await expect(page.getByTestId('conversation-title')).toHaveText(name);
  return inviteCode;
}

/** @param {import('@playwright/test').Page} page @param {string} inviteCode @param {string} name the group's */
export async function joinGroup(page, inviteCode, name) {
  await page.getByTestId('join-group').click();
  await page.getByTestId('join-code').fill(inviteCode);
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('conversation-title')).toHaveText(name);
}
