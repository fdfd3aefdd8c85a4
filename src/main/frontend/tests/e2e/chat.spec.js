import {
  test,
  expect,
  expectLive,
  send,
  message,
  openConversation,
  conversationItem,
  screenshot,
  RECONNECT_TIMEOUT
} from './fixtures.js';

/**
 * Two users in two browsers: group by invite code, messages both ways, typing, read ticks; then the server
 * crashes mid-conversation and comes back, and a page reloads with a message whose ack was lost. Every message
 * must show exactly once, in order.
 */

/** Every message text appears exactly once, in this order. @param {import('@playwright/test').Page} page @param {string[]} texts */
async function expectExactly(page, texts) {
  await expect(page.getByTestId('message-text')).toHaveText(texts, { timeout: RECONNECT_TIMEOUT });
  for (const text of texts) await expect(message(page, text)).toHaveCount(1);
}

test('two users chat through a server crash and a reload, every message exactly once', async ({ server, signIn }) => {
  const alice = await signIn('alice', 'Alice', { screenshotAs: 'sign-in' });

  let inviteCode = '';
  await test.step('alice creates a group and copies its invite code', async () => {
    await alice.getByTestId('new-group').click();
    await alice.getByTestId('group-name').fill('Team');
    await alice.getByTestId('group-create').click();
    const code = alice.getByTestId('new-group-dialog').getByTestId('invite-code');
    await expect(code).toHaveValue(/^[A-Za-z0-9_-]{16}$/);
    inviteCode = await code.inputValue();
    await alice.getByTestId('new-group-dialog').getByTestId('copy-invite').click();
    await expect(alice.getByTestId('new-group-dialog').getByTestId('copy-invite')).toHaveText(/Copied/);
    expect(await alice.evaluate(() => navigator.clipboard.readText())).toBe(inviteCode);
    await alice.getByTestId('dialog-done').click();
    await expect(alice.getByTestId('conversation-title')).toHaveText('Team');
  });

  const bob = await signIn('bob', 'Bob');

  await test.step('bob joins by code; alice sees him join', async () => {
    await bob.getByTestId('join-group').click();
    await bob.getByTestId('join-code').fill(inviteCode);
    await bob.getByTestId('join-submit').click();
    await expect(bob.getByTestId('conversation-title')).toHaveText('Team');
    await expect(alice.getByTestId('conversation-subtitle')).toHaveText(/2 members, 2 online/);
  });

  await test.step('bob starts a direct chat with alice', async () => {
    await bob.getByTestId('new-direct').click();
    await bob.getByTestId('direct-user').fill('alice');
    await bob.getByTestId('direct-submit').click();
    await expect(bob.getByTestId('conversation-title')).toHaveText('Alice');
    await expect(conversationItem(alice, 'Bob')).toBeVisible();
  });

  await test.step('read ticks: sent while bob looks elsewhere, read once he opens the group', async () => {
    await send(alice, 'Welcome to the team, Bob!');
    await expect(message(alice, 'Welcome to the team, Bob!')).toHaveAttribute('data-status', 'sent');
    const team = conversationItem(bob, 'Team');
    await expect(team.getByTestId('unread-badge')).toHaveText('1');
    await openConversation(bob, 'Team');
    await expect(message(bob, 'Welcome to the team, Bob!')).toBeVisible();
    await expect(team.getByTestId('unread-badge')).toHaveCount(0);
    await expect(message(alice, 'Welcome to the team, Bob!')).toHaveAttribute('data-status', 'read');
  });

  await test.step('they chat both ways', async () => {
    await send(bob, 'Thanks Alice!');
    await expect(message(alice, 'Thanks Alice!')).toBeVisible();
    await send(alice, 'Shall we plan the release?');
    await expect(message(bob, 'Shall we plan the release?')).toBeVisible();
  });

  await test.step('each sees the other typing', async () => {
    await bob.getByTestId('composer').pressSequentially('Sure, I');
    await expect(alice.getByTestId('typing-line')).toHaveText('Bob is typing…');
    await screenshot(alice, 'typing');
    await bob.getByTestId('composer').fill('');
    await bob.getByTestId('composer').blur();
    await expect(alice.getByTestId('typing-line')).toHaveText('');
    await alice.getByTestId('composer').pressSequentially('Great');
    await expect(bob.getByTestId('typing-line')).toHaveText('Alice is typing…');
    await alice.getByTestId('composer').fill('');
    await alice.getByTestId('composer').blur();
    await expect(bob.getByTestId('typing-line')).toHaveText('');
    await send(bob, 'Sure, I will draft it.');
    await expect(message(alice, 'Sure, I will draft it.')).toHaveAttribute('data-status', 'received');
    await expect(message(bob, 'Sure, I will draft it.')).toHaveAttribute('data-status', 'read');
    await screenshot(alice, 'chat');
  });

  const before = ['Welcome to the team, Bob!', 'Thanks Alice!', 'Shall we plan the release?', 'Sure, I will draft it.'];

  await test.step('the server crashes: both show that it is not answering; alice writes meanwhile', async () => {
    await server.kill();
    for (const page of [alice, bob]) {
      await expect(page.getByTestId('connection-banner')).toHaveAttribute('data-unreachable', 'true', { timeout: 30_000 });
      await expect(page.getByTestId('connection-text')).toHaveText(/not answering/);
    }
    await send(alice, 'Written while the server was down');
    const pending = message(alice, 'Written while the server was down');
    await expect(pending).toHaveAttribute('data-status', 'pending');
    await expect(pending.getByTestId('pending')).toHaveText(/sending…/);
    await screenshot(alice, 'reconnecting');
  });

  const afterCrash = [...before, 'Written while the server was down'];

  await test.step('the server comes back: both catch up, every message once and in order', async () => {
    await server.restart();
    for (const page of [alice, bob]) await expectLive(page, RECONNECT_TIMEOUT);
    await expect(message(alice, 'Written while the server was down')).not.toHaveAttribute('data-status', 'pending', {
      timeout: RECONNECT_TIMEOUT
    });
    await expectExactly(alice, afterCrash);
    await expectExactly(bob, afterCrash);
    await send(bob, 'Back again.');
    await expectExactly(alice, [...afterCrash, 'Back again.']);
  });

  await test.step('a reload re-sends a message whose ack was lost, and it is stored once', async () => {
    // Alice's connection goes through a relay that swallows the acks of send_message: the server stores the
    // message (Bob gets it) but Alice's tab never hears so, and keeps it in its outbox.
    let dropAcks = true;
    await alice.routeWebSocket(/\/api\/websocket/, (ws) => {
      const upstream = ws.connectToServer();
      /** @type {Set<string>} */
      const sends = new Set();
      ws.onMessage((frame) => {
        const parsed = JSON.parse(String(frame));
        if (parsed.type === 'send_message') sends.add(parsed.requestId);
        upstream.send(frame);
      });
      upstream.onMessage((frame) => {
        const parsed = JSON.parse(String(frame));
        if (dropAcks && parsed.type === 'ack' && sends.has(parsed.requestId)) return;
        ws.send(frame);
      });
    });
    await alice.reload();
    await expectLive(alice);
    await send(alice, 'Sent just before a reload');
    await expect(message(bob, 'Sent just before a reload')).toHaveCount(1);
    await expect(message(alice, 'Sent just before a reload')).toHaveAttribute('data-status', 'pending');

    dropAcks = false;
    await alice.reload();
    await expectLive(alice);
    const all = [...afterCrash, 'Back again.', 'Sent just before a reload'];
    await expect(message(alice, 'Sent just before a reload')).not.toHaveAttribute('data-status', 'pending');
    await expectExactly(alice, all);
    await expectExactly(bob, all);
  });

  await test.step('after the reload, the invite code is still there to share', async () => {
    await alice.getByTestId('show-invite').click();
    await expect(alice.getByTestId('invite-code')).toHaveValue(inviteCode);
  });
});
