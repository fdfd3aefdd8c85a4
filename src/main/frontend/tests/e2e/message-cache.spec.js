import { test, expect, expectLive, send, message, createGroup, joinGroup, conversationItem, openConversation, RECONNECT_TIMEOUT } from './fixtures.js';

/**
 * The message cache in a real browser (IndexedDB): a reload while the server cannot be reached shows the messages the
 * page had, at once; once the connection is back, what was missed meanwhile — a new message and an edit of an older
 * one — arrives with `sync` from the cached cursors. And a page opened while the server cannot be reached shows the
 * cached conversation list and messages.
 */

/** @typedef {import('@playwright/test').Page} Page */

/**
 * Refuses the WebSockets of `target` (a page or a whole context) while `refusing`: the server is unreachable for it
 * (its HTTP still answers, so the page itself can load). Open connections are closed when refusing starts.
 * @param {Page | import('@playwright/test').BrowserContext} target
 */
async function gate(target) {
  const state = { refusing: false, /** @type {{ ws: any, server: any }[]} */ open: [] };
  await target.routeWebSocket(/\/api\/websocket/, (ws) => {
    if (state.refusing) {
      ws.close({ code: 1001, reason: 'unreachable' });
      return;
    }
    state.open.push({ ws, server: ws.connectToServer() });
  });
  return {
    async refuse() {
      state.refusing = true;
      for (const { ws, server } of state.open.splice(0)) {
        await ws.close({ code: 1001, reason: 'unreachable' });
        await server.close();
      }
    },
    allow() {
      state.refusing = false;
    }
  };
}

/**
 * The texts the page's cache holds (IndexedDB `chat-cache`), to wait for a write rather than sleep.
 * @param {Page} page
 */
function cachedTexts(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('chat-cache');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('conversations')) return resolve([]);
          const all = db.transaction('conversations').objectStore('conversations').getAll();
          all.onsuccess = () => resolve(all.result.flatMap((r) => r.messages.map((/** @type {any} */ m) => m.content)));
          all.onerror = () => reject(all.error);
        };
      })
  );
}

/** Tells the page's client the network is back, so it retries at once instead of after its backoff. @param {Page} page */
async function nudge(page) {
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
}

test('a reload while the server is unreachable shows the saved messages, then the message and the edit missed', async ({ signIn }) => {
  const alice = await signIn('mc1-alice', 'Alice');
  const network = await gate(alice);
  await alice.reload(); // the page's socket now goes through the gate
  await expectLive(alice);
  const code = await createGroup(alice, 'Group mc1');
  const bob = await signIn('mc1-bob', 'Bob');
  await joinGroup(bob, code, 'Group mc1');
  await send(bob, 'See you at 10');
  await expect(message(alice, 'See you at 10')).toBeVisible(); // stored before alice answers: seq 1, then 2
  await send(alice, 'Fine');
  await expect.poll(() => cachedTexts(alice)).toEqual(['See you at 10', 'Fine']);

  await network.refuse();
  await expect(alice.getByTestId('connection-banner')).not.toHaveAttribute('data-status', 'live');
  await send(bob, 'Running late');
  await bob.getByTestId('message').filter({ hasText: 'See you at 10' }).getByTestId('message-menu-button').click();
  await bob.getByTestId('edit-message').click();
  await bob.getByTestId('edit-input').fill('See you at 11');
  await bob.getByTestId('edit-input').press('Enter');
  await expect(message(bob, 'See you at 11')).toBeVisible();

  // The reload: what the page had shows before any connection, and says it is saved.
  await alice.reload();
  await expect(alice.getByTestId('conversation-title')).toHaveText('Group mc1');
  await expect(message(alice, 'See you at 10')).toBeVisible();
  await expect(message(alice, 'Fine')).toBeVisible();
  await expect(message(alice, 'Running late')).toHaveCount(0);
  await expect(alice.getByTestId('saved-hint')).toHaveText('Showing saved messages.');
  await expect(alice.getByTestId('connection-banner')).not.toHaveAttribute('data-status', 'live');

  network.allow();
  await nudge(alice);
  await expectLive(alice, RECONNECT_TIMEOUT);
  await expect(message(alice, 'See you at 11').getByTestId('edited-mark')).toBeVisible();
  await expect(message(alice, 'Running late')).toBeVisible();
  await expect(message(alice, 'See you at 10')).toHaveCount(0);
  await expect(alice.getByTestId('message')).toHaveCount(3);
  await expect(alice.getByTestId('saved-hint')).toHaveCount(0);
});

test('opening the app while the server is unreachable shows the cached conversation and its messages', async ({ signIn }) => {
  const alice = await signIn('mc2-alice', 'Alice');
  const code = await createGroup(alice, 'Group mc2');
  const bob = await signIn('mc2-bob', 'Bob');
  await joinGroup(bob, code, 'Group mc2');
  await send(bob, 'Kept for later');
  await expect(message(alice, 'Kept for later')).toBeVisible();
  await expect.poll(() => cachedTexts(alice)).toEqual(['Kept for later']);

  // A new tab of the same browser, the server unreachable from it: signing in shows what this browser kept.
  const context = alice.context();
  const network = await gate(context);
  await network.refuse();
  await alice.close();
  const page = await context.newPage();
  await page.goto(new URL('.', bob.url()).href);
  await page.getByTestId('signin-user').fill('mc2-alice');
  await page.getByTestId('signin-name').fill('Alice');
  await page.getByTestId('signin-submit').click();
  await expect(conversationItem(page, 'Group mc2')).toBeVisible();
  await openConversation(page, 'Group mc2');
  await expect(message(page, 'Kept for later')).toBeVisible();
  await expect(page.getByTestId('saved-hint')).toBeVisible();
  await expect(page.getByTestId('connection-banner')).not.toHaveAttribute('data-status', 'live');

  // Another user signing in on this browser sees none of it.
  await page.getByTestId('sign-out').click();
  await page.getByTestId('signin-user').fill('mc2-carol');
  await page.getByTestId('signin-submit').click();
  await expect(page.getByTestId('me-name')).toHaveText('mc2-carol');
  await expect(conversationItem(page, 'Group mc2')).toHaveCount(0);
  await expect.poll(() => cachedTexts(page)).toEqual([]); // alice signed out: her cache was erased
});
