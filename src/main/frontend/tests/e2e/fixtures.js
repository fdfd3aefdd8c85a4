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

/** Nothing is wider than the window: no sideways scrolling, nothing cut off at the right. @param {import('@playwright/test').Page} page */
export async function expectNoSidewaysOverflow(page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/** The element lies within the window's width. @param {import('@playwright/test').Locator} locator @param {import('@playwright/test').Page} page */
export async function expectInWindow(locator, page) {
  const box = await locator.boundingBox();
  const width = page.viewportSize()?.width ?? DESKTOP.width;
  expect(box, 'element shown').not.toBeNull();
  if (!box) return;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width + 0.5);
}

/** On a phone the list and a conversation take turns: back to the list, if a conversation is shown. @param {import('@playwright/test').Page} page */
export async function backToList(page) {
  const back = page.getByRole('button', { name: 'Back to conversations' });
  if (await back.isVisible()) await back.click();
  await expect(page.getByTestId('new-group')).toBeVisible();
}

/** @param {import('@playwright/test').Page} page @param {string} userId */
export async function startDirectChat(page, userId) {
  await page.getByTestId('new-direct').click();
  await page.getByTestId('direct-user').fill(userId);
  await page.getByTestId('direct-submit').click();
}

/**
 * Creates an ad-hoc conversation (a title, or several other users) as `userId`, over a WebSocket of its own opened in
 * `page` with a dev token: the reference UI starts direct chats and groups only. Every participant's pages learn it
 * from `conversation_created`, as they would from any other client.
 * @param {import('@playwright/test').Page} page
 * @param {{ userId: string, name: string, participantIds: string[], title: string }} conversation
 * @returns {Promise<number>} the conversation's id
 */
export function createAdHocConversation(page, conversation) {
  return page.evaluate(async ({ userId, name, participantIds, title }) => {
    const response = await fetch(new URL('api/dev/token', document.baseURI), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId, name })
    });
    const { token } = await response.json();
    const ws = new WebSocket(new URL('api/websocket', document.baseURI).href.replace(/^http/, 'ws'), ['chat.v1', `bearer.${token}`]);
    return new Promise((resolve, reject) => {
      ws.onmessage = (event) => {
        const frame = JSON.parse(event.data);
        if (frame.type === 'connection_status' && frame.payload.status === 'authenticated') {
          ws.send(JSON.stringify({ type: 'create_conversation', requestId: 'ad-hoc', payload: { participantIds, title } }));
        } else if (frame.requestId === 'ad-hoc') {
          ws.close();
          if (frame.type === 'ack') resolve(frame.payload.conversation.id);
          else reject(new Error(`create_conversation: ${frame.payload.code} ${frame.payload.message}`));
        }
      };
      ws.onclose = (event) => reject(new Error(`the socket closed (${event.code}) before the answer`));
    });
  }, conversation);
}
