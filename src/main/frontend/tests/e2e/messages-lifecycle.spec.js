import { test, expect, expectLive, send, message, createGroup, joinGroup, backToList, expectInWindow, expectNoSidewaysOverflow, screenshot, PHONE, RECONNECT_TIMEOUT } from './fixtures.js';

/**
 * The message lifecycle with two users in two browsers: edit and delete from a message's menu (the other user sees
 * "edited" and "Message deleted"), reactions with counts and who reacted, replies whose quote opens the original,
 * search results that open a conversation at an old message; and changes made while the other user was offline —
 * their page's connection cut — which reach them once it is back, as do changes the user made offline themselves.
 */

/** @typedef {import('@playwright/test').Page} Page */

/** Opens a message's menu. @param {Page} page @param {string} text */
async function openMenu(page, text) {
  await message(page, text).getByTestId('message-menu-button').click();
  await expect(page.getByTestId('message-menu')).toBeVisible();
}

/** Edits one of the user's messages from its menu. @param {Page} page @param {string} from @param {string} to */
async function edit(page, from, to) {
  await openMenu(page, from);
  await page.getByTestId('edit-message').click();
  await page.getByTestId('edit-input').fill(to);
  await page.getByTestId('edit-input').press('Enter');
  await expect(page.getByTestId('message-editor')).toHaveCount(0);
}

/** Deletes a message from its menu, confirming. @param {Page} page @param {string} text */
async function remove(page, text) {
  await openMenu(page, text);
  await page.getByTestId('delete-message').click();
  await page.getByTestId('delete-dialog').getByTestId('confirm-ok').click();
  await expect(page.getByTestId('delete-dialog')).toHaveCount(0);
}

/** Reacts to a message from its menu's picker. @param {Page} page @param {string} text @param {string} emoji */
async function react(page, text, emoji) {
  await openMenu(page, text);
  await page.getByTestId('react-message').click();
  await page.locator(`[data-testid="reaction-option"][data-emoji="${emoji}"]`).click();
}

/** @param {Page} page @param {string} text @param {string} emoji */
function reaction(page, text, emoji) {
  return message(page, text).locator(`[data-testid="reaction"][data-emoji="${emoji}"]`);
}

/** The deleted row at `seq`. @param {Page} page @param {number} seq */
function row(page, seq) {
  return page.locator(`[data-testid="message"][data-seq="${seq}"]`);
}

/**
 * Two users in a new group, both showing it.
 * @param {import('./fixtures.js').SignIn} signIn @param {string} tag @param {import('./fixtures.js').SignInOptions} [options]
 */
async function pair(signIn, tag, options = {}) {
  const alice = await signIn(`${tag}-alice`, 'Alice', options);
  const code = await createGroup(alice, `Group ${tag}`);
  const bob = await signIn(`${tag}-bob`, 'Bob', options);
  await joinGroup(bob, code, `Group ${tag}`);
  return { alice, bob, title: `Group ${tag}` };
}

/**
 * Routes a page's WebSocket through the test so that its network can be cut: the open connection is closed and the
 * browser says it is offline (as when Wi-Fi drops), new connections are refused until it is restored. The page
 * reloads once to take the route.
 * @param {Page} page
 */
async function cuttable(page) {
  const state = { offline: false, /** @type {{ ws: any, server: any }[]} */ open: [] };
  await page.routeWebSocket(/\/api\/websocket/, (ws) => {
    if (state.offline) {
      ws.close({ code: 1001, reason: 'network cut' });
      return;
    }
    state.open.push({ ws, server: ws.connectToServer() });
  });
  await page.reload();
  await expectLive(page);
  return {
    async cut() {
      state.offline = true;
      await page.context().setOffline(true);
      for (const { ws, server } of state.open.splice(0)) {
        await ws.close({ code: 1001, reason: 'network cut' });
        await server.close();
      }
      await expect(page.getByTestId('connection-banner')).not.toHaveAttribute('data-status', 'live');
    },
    async restore() {
      state.offline = false;
      await page.context().setOffline(false);
      await expectLive(page, RECONNECT_TIMEOUT);
    }
  };
}

/**
 * Sends messages as `userId` over a WebSocket of its own opened in `page` (quicker than typing 60 of them).
 * @param {Page} page @param {{ userId: string, name: string, conversationId: number, texts: string[] }} batch
 */
function sendMany(page, batch) {
  return page.evaluate(async ({ userId, name, conversationId, texts }) => {
    const response = await fetch(new URL('api/dev/token', document.baseURI), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId, name })
    });
    const { token } = await response.json();
    const ws = new WebSocket(new URL('api/websocket', document.baseURI).href.replace(/^http/, 'ws'), ['chat.v1', `bearer.${token}`]);
    await new Promise((resolve, reject) => {
      let acked = 0;
      ws.onmessage = (event) => {
        const frame = JSON.parse(event.data);
        if (frame.type === 'connection_status' && frame.payload.status === 'authenticated') {
          texts.forEach((content, i) => ws.send(JSON.stringify({ type: 'send_message', requestId: `m${i}`, payload: { conversationId, content } })));
        } else if (frame.type === 'ack' && ++acked === texts.length) resolve(undefined);
        else if (frame.type === 'error') reject(new Error(`${frame.payload.code} ${frame.payload.message}`));
      };
      ws.onclose = (event) => reject(new Error(`the socket closed (${event.code})`));
    });
    ws.close();
  }, batch);
}

test('edit and delete from the menu: the other user sees "edited" and "Message deleted"', async ({ signIn }) => {
  const { alice, bob } = await pair(signIn, 'lc1');
  await send(alice, 'Teh plan is ready');
  await send(alice, 'A message I regret');
  await expect(message(bob, 'A message I regret')).toBeVisible();

  await test.step('alice fixes her typo', async () => {
    await edit(alice, 'Teh plan is ready', 'The plan is ready');
    for (const page of [alice, bob]) {
      await expect(message(page, 'The plan is ready').getByTestId('edited-mark')).toHaveText('edited');
      await expect(message(page, 'Teh plan is ready')).toHaveCount(0);
    }
  });

  await test.step('bob cannot edit or delete her message', async () => {
    await openMenu(bob, 'The plan is ready');
    await expect(bob.getByTestId('edit-message')).toHaveCount(0);
    await expect(bob.getByTestId('delete-message')).toHaveCount(0);
    await bob.keyboard.press('Escape');
  });

  await test.step('alice deletes the other one, after confirming: its text is gone on both sides, its place stays', async () => {
    await remove(alice, 'A message I regret');
    for (const page of [alice, bob]) {
      await expect(row(page, 2).getByTestId('message-deleted')).toHaveText('Message deleted');
      await expect(message(page, 'A message I regret')).toHaveCount(0);
      await expect(page.getByTestId('message')).toHaveCount(2);
    }
  });

  await test.step('after a reload both still show the edit and the deletion', async () => {
    await bob.reload();
    await expectLive(bob);
    await expect(message(bob, 'The plan is ready').getByTestId('edited-mark')).toBeVisible();
    await expect(row(bob, 2)).toHaveAttribute('data-deleted', 'true');
  });

  await test.step('bob replies and reacts (the picture of docs/client.md)', async () => {
    await openMenu(bob, 'The plan is ready');
    await bob.getByTestId('reply-message').click();
    await send(bob, 'Great, I will read it tonight');
    await react(bob, 'The plan is ready', '🎉');
    await react(alice, 'The plan is ready', '🎉');
    await expect(reaction(bob, 'The plan is ready', '🎉').getByTestId('reaction-count')).toHaveText('2');
    await openMenu(bob, 'Great, I will read it tonight');
    await screenshot(bob, 'lifecycle');
    await bob.keyboard.press('Escape');
  });
});

test('reactions: counts and who reacted, both ways; a second click takes one back', async ({ signIn }) => {
  const { alice, bob } = await pair(signIn, 'lc2');
  await send(alice, 'Release is out');
  await expect(message(bob, 'Release is out')).toBeVisible();

  await react(bob, 'Release is out', '🎉');
  await expect(reaction(alice, 'Release is out', '🎉').getByTestId('reaction-count')).toHaveText('1');
  await expect(reaction(alice, 'Release is out', '🎉')).toHaveAttribute('title', 'Bob');
  await expect(reaction(bob, 'Release is out', '🎉')).toHaveAttribute('aria-pressed', 'true');

  await reaction(alice, 'Release is out', '🎉').click(); // alice joins in
  for (const page of [alice, bob]) await expect(reaction(page, 'Release is out', '🎉').getByTestId('reaction-count')).toHaveText('2');
  await expect(reaction(bob, 'Release is out', '🎉')).toHaveAttribute('title', 'You, Alice');

  await react(alice, 'Release is out', '👍');
  await expect(message(bob, 'Release is out').getByTestId('reaction')).toHaveText([/🎉\s*2/, /👍\s*1/]);

  await reaction(bob, 'Release is out', '🎉').click(); // bob takes his back
  for (const page of [alice, bob]) await expect(reaction(page, 'Release is out', '🎉').getByTestId('reaction-count')).toHaveText('1');
  await expect(reaction(alice, 'Release is out', '🎉')).toHaveAttribute('title', 'You');
  await expect(reaction(bob, 'Release is out', '🎉')).toHaveAttribute('aria-pressed', 'false');
});

test('a reply quotes the original; a click on the quote scrolls back to it and highlights it', async ({ signIn }) => {
  const { alice, bob } = await pair(signIn, 'lc3');
  await send(alice, 'Who takes the release notes?');
  // Enough messages after it that the original is far above the reply.
  const conversationId = Number(await alice.getByTestId('conversation-view').getAttribute('data-conversation-id'));
  await sendMany(alice, { userId: 'lc3-alice', name: 'Alice', conversationId, texts: Array.from({ length: 30 }, (_, i) => `filler ${i + 1}`) });
  await expect(message(bob, 'filler 30')).toBeVisible();

  await openMenu(bob, 'Who takes the release notes?');
  await bob.getByTestId('reply-message').click();
  await expect(bob.getByTestId('composer-reply')).toContainText('Replying to Alice');
  await send(bob, 'I will');
  await expect(bob.getByTestId('composer-reply')).toHaveCount(0);
  for (const page of [alice, bob]) {
    await expect(message(page, 'I will').getByTestId('reply-excerpt')).toHaveText('Who takes the release notes?');
  }
  await expect(message(bob, 'I will').getByTestId('reply-quote')).toContainText('Alice');

  // Alice edits the original: the quote follows.
  await edit(alice, 'Who takes the release notes?', 'Who writes the release notes?');
  await expect(message(bob, 'I will').getByTestId('reply-excerpt')).toHaveText('Who writes the release notes?');

  await message(bob, 'I will').scrollIntoViewIfNeeded();
  const original = message(bob, 'Who writes the release notes?');
  await expect(original).not.toBeInViewport();
  await message(bob, 'I will').getByTestId('reply-quote').click();
  await expect(original).toBeInViewport();
  await expect(original).toHaveAttribute('data-highlighted', 'true');
});

test('search: a result opens its conversation at the message, reading older pages to reach it', async ({ signIn }) => {
  const { alice, bob, title } = await pair(signIn, 'lc4');
  const conversationId = Number(await alice.getByTestId('conversation-view').getAttribute('data-conversation-id'));
  await sendMany(alice, { userId: 'lc4-alice', name: 'Alice', conversationId, texts: ['the quarterly zeppelin budget'] });
  await sendMany(alice, { userId: 'lc4-alice', name: 'Alice', conversationId, texts: Array.from({ length: 70 }, (_, i) => `later ${i + 1}`) });
  await expect(message(bob, 'later 70')).toBeVisible();
  await send(alice, 'a deleted zeppelin');
  await remove(alice, 'a deleted zeppelin');

  // Bob looks at another conversation (a direct chat) when he searches.
  await bob.getByTestId('new-direct').click();
  await bob.getByTestId('direct-user').fill('lc4-alice');
  await bob.getByTestId('direct-submit').click();
  await expect(bob.getByTestId('conversation-title')).toHaveText('Alice');
  // A fresh page: the group's messages are not held, and the newest page (50) does not reach the one found.
  await bob.reload();
  await expectLive(bob);
  await backToList(bob);

  await bob.getByTestId('search-input').fill('zeppelin');
  await bob.getByTestId('search-input').press('Enter');
  const results = bob.getByTestId('search-result');
  await expect(results).toHaveCount(1); // the deleted one is never found
  await expect(results.first()).toContainText('the quarterly zeppelin budget');
  await expect(results.first()).toContainText(title);
  await results.first().click();

  await expect(bob.getByTestId('conversation-title')).toHaveText(title);
  const found = message(bob, 'the quarterly zeppelin budget');
  await expect(found).toBeInViewport();
  await expect(found).toHaveAttribute('data-highlighted', 'true');

  await bob.getByTestId('search-input').fill('nothing-matches-this');
  await bob.getByTestId('search-input').press('Enter');
  await expect(bob.getByText('No messages found.')).toBeVisible();
});

test('edited while the other user was offline: their page catches up on the edit, the deletion and the reaction', async ({ signIn }) => {
  const { alice, bob } = await pair(signIn, 'lc5');
  for (const text of ['Meet at 10', 'Bring the slides', 'Room 4']) await send(alice, text);
  await expect(message(bob, 'Room 4')).toBeVisible();
  const network = await cuttable(bob);
  await expect(message(bob, 'Room 4')).toBeVisible();

  await network.cut();
  await edit(alice, 'Meet at 10', 'Meet at 11');
  await remove(alice, 'Bring the slides');
  await react(alice, 'Room 4', '👍');
  await expect(message(bob, 'Meet at 10')).toBeVisible(); // bob's page still shows what it had

  await network.restore();
  await expect(message(bob, 'Meet at 11').getByTestId('edited-mark')).toBeVisible();
  await expect(message(bob, 'Meet at 10')).toHaveCount(0);
  await expect(row(bob, 2)).toHaveAttribute('data-deleted', 'true');
  await expect(reaction(bob, 'Room 4', '👍')).toHaveAttribute('title', 'Alice');
  await expect(bob.getByTestId('message')).toHaveCount(3);
});

test('changes made offline wait in the outbox and reach the other user after the reconnect', async ({ signIn }) => {
  const { alice, bob } = await pair(signIn, 'lc6');
  await send(alice, 'Draft: lunch on Fridy');
  await send(bob, 'Sounds good');
  await expect(message(alice, 'Sounds good')).toBeVisible();
  const network = await cuttable(alice);
  await expect(message(alice, 'Sounds good')).toBeVisible();

  await network.cut();
  await edit(alice, 'Draft: lunch on Fridy', 'Draft: lunch on Friday');
  await react(alice, 'Sounds good', '❤️');
  // Shown as made at once, while the outbox holds them.
  await expect(message(alice, 'Draft: lunch on Friday').getByTestId('edited-mark')).toBeVisible();
  await expect(reaction(alice, 'Sounds good', '❤️')).toHaveAttribute('aria-pressed', 'true');
  await expect(message(bob, 'Draft: lunch on Fridy')).toBeVisible();

  await network.restore();
  await expect(message(bob, 'Draft: lunch on Friday').getByTestId('edited-mark')).toBeVisible();
  await expect(reaction(bob, 'Sounds good', '❤️')).toHaveAttribute('title', 'Alice');
  await expect(message(bob, 'Draft: lunch on Fridy')).toHaveCount(0);
});

test('at 360 px the menu, the picker and the reactions stay inside the window', async ({ signIn }) => {
  const { alice, bob } = await pair(signIn, 'lc7', { viewport: PHONE });
  await send(alice, 'A long message that fills the bubble to the edge of a phone screen, and then some more words');
  const text = 'A long message that fills the bubble to the edge of a phone screen, and then some more words';
  await expect(message(bob, text)).toBeVisible();
  for (const page of [alice, bob]) {
    await openMenu(page, text);
    await expectInWindow(page.getByTestId('message-menu'), page);
    await page.getByTestId('react-message').click();
    await expectInWindow(page.getByTestId('reaction-picker'), page);
    await page.locator('[data-testid="reaction-option"][data-emoji="😂"]').click();
    await expectInWindow(message(page, text).getByTestId('reactions'), page);
    await expectNoSidewaysOverflow(page);
  }
  await expect(reaction(alice, text, '😂').getByTestId('reaction-count')).toHaveText('2');
});
