import {
  test,
  expect,
  DESKTOP,
  PHONE,
  send,
  message,
  conversationItem,
  openConversation,
  expectLive,
  expectNoSidewaysOverflow,
  expectInWindow,
  backToList,
  startDirectChat,
  createAdHocConversation,
  screenshot
} from './fixtures.js';

/**
 * Leaving and blocking (issue 10), through the reference UI: a user leaves an ad-hoc conversation (the others see
 * them gone, their other device drops it with a notice); a user blocks another (who can then neither start a chat
 * nor write to them, and sees them offline) and unblocks them; the blocked users dialog lists and unblocks. The user
 * under test is at a desktop or a phone width; the others are on desktops.
 */

/** Opens the conversation's options (the ⋯ button in its header). @param {import('@playwright/test').Page} page */
async function openOptions(page) {
  await page.getByTestId('conversation-options').click();
  await expect(page.getByTestId('options-panel')).toBeVisible();
}

for (const [width, viewport] of /** @type {const} */ ([['desktop', DESKTOP], ['phone', PHONE]])) {
  test.describe(`at ${width} width (${viewport.width}×${viewport.height})`, () => {
    test('leaving an ad-hoc conversation: the others see the member gone, the other device drops it', async ({ signIn }) => {
      const [ada, ben, cleo] = [`ada-${width}`, `ben-${width}`, `cleo-${width}`];
      const leaver = await signIn(ada, 'Ada', { viewport });
      const otherDevice = await signIn(ada, 'Ada');
      const benPage = await signIn(ben, 'Ben');
      const cleoPage = await signIn(cleo, 'Cleo');
      const title = `Plans ${width}`;
      await createAdHocConversation(benPage, { userId: ben, name: 'Ben', participantIds: [ada, cleo], title });
      for (const page of [leaver, otherDevice, benPage, cleoPage]) await expect(conversationItem(page, title)).toBeVisible();
      await expect(conversationItem(cleoPage, title).getByTestId('conversation-preview')).toHaveText('3 members');
      await openConversation(leaver, title);
      await openConversation(otherDevice, title);
      await openConversation(benPage, title);
      await expect(benPage.getByTestId('conversation-subtitle')).toHaveText(/^3 members/);

      await test.step('Ada leaves, after confirming', async () => {
        await openOptions(leaver);
        await expectNoSidewaysOverflow(leaver);
        await leaver.getByTestId('leave-conversation').click();
        const dialog = leaver.getByTestId('leave-dialog');
        await expect(dialog.getByRole('heading')).toHaveText(`Leave “${title}”?`);
        await expect(dialog).toContainText('What you wrote stays in it.');
        await expectInWindow(dialog, leaver);
        if (width === 'phone') await screenshot(leaver, 'leave');
        await dialog.getByTestId('confirm-ok').click();
        await expect(dialog).toHaveCount(0);
        await expect(conversationItem(leaver, title)).toHaveCount(0);
        await expect(leaver.getByTestId('conversation-view')).toHaveCount(0);
        await expect(leaver.getByTestId('new-group')).toBeVisible(); // on a phone, back on the list
        await expect(leaver.getByTestId('left-notice')).toHaveCount(0); // left here: no need to say so
      });

      await test.step('the others see her gone', async () => {
        await expect(benPage.getByTestId('conversation-subtitle')).toHaveText(/^2 members/);
        await expect(conversationItem(cleoPage, title).getByTestId('conversation-preview')).toHaveText('2 members');
      });

      await test.step('her other device drops the conversation it showed, and says why', async () => {
        await expect(conversationItem(otherDevice, title)).toHaveCount(0);
        await expect(otherDevice.getByTestId('conversation-view')).toHaveCount(0);
        await expect(otherDevice.getByTestId('left-notice-text')).toHaveText(`You left “${title}” on another device.`);
        await otherDevice.getByTestId('dismiss-notice').click();
        await expect(otherDevice.getByTestId('left-notice')).toHaveCount(0);
      });

      await test.step('what the others write no longer reaches her', async () => {
        await send(benPage, 'Ada has gone');
        await expect(message(benPage, 'Ada has gone')).toHaveAttribute('data-status', 'sent');
        await openConversation(cleoPage, title);
        await expect(message(cleoPage, 'Ada has gone')).toBeVisible();
        for (const page of [leaver, otherDevice]) await expect(conversationItem(page, title)).toHaveCount(0);
        // A reload asks the server afresh: it is not in her list any more.
        await otherDevice.reload();
        await expectLive(otherDevice); // live: the list of the server is in
        await expect(conversationItem(otherDevice, title)).toHaveCount(0);
      });
    });

    test('blocking: the blocked user cannot start a chat nor write, sees the blocker offline; unblocking lets them', async ({ signIn }) => {
      const [dora, eli] = [`dora-${width}`, `eli-${width}`];
      const blocker = await signIn(dora, 'Dora', { viewport });
      const blocked = await signIn(eli, 'Eli');
      await startDirectChat(blocked, dora);
      await expect(blocked.getByTestId('conversation-title')).toHaveText('Dora');
      await send(blocked, 'Hello Dora');
      await openConversation(blocker, 'Eli');
      await send(blocker, 'Hello Eli');
      await expect(message(blocked, 'Hello Eli')).toBeVisible();
      // Both wrote in the conversation they share, so each may see the other's presence (protocol.md, presence).
      // No event says so when it starts: the conversation objects of a fresh load do.
      await blocked.reload();
      await expectLive(blocked);
      await expect(blocked.getByTestId('conversation-subtitle')).toHaveText('online');

      await test.step('Dora blocks Eli, after confirming', async () => {
        await openOptions(blocker);
        await blocker.getByTestId('block-user').click();
        const dialog = blocker.getByTestId('block-dialog');
        await expect(dialog.getByRole('heading')).toHaveText('Block Eli?');
        await expectInWindow(dialog, blocker);
        await dialog.getByTestId('confirm-ok').click();
        await expect(dialog).toHaveCount(0);
        await expect(blocker.getByTestId('blocked-note')).toHaveText('You blocked Eli: they cannot write to you here or see when you are online.');
        await expectNoSidewaysOverflow(blocker);
      });

      await test.step('Eli sees her offline, with no "last seen"', async () => {
        await expect(blocked.getByTestId('conversation-subtitle')).toHaveText('offline');
      });

      await test.step('a message from Eli is refused, with a sentence', async () => {
        await send(blocked, 'Are you there?');
        const refused = message(blocked, 'Are you there?');
        await expect(refused).toHaveAttribute('data-status', 'failed');
        await expect(refused.getByTestId('failed')).toContainText('Not sent. This user does not accept your messages.');
      });

      await test.step('a new direct chat with her is refused, with a sentence that tells nothing of the block', async () => {
        await startDirectChat(blocked, dora);
        await expect(blocked.getByTestId('direct-dialog').getByTestId('dialog-error')).toHaveText(
          `You cannot start a chat with “${dora}”: nobody with this user id has signed in yet, or they do not accept conversations with you.`
        );
        await blocked.keyboard.press('Escape');
      });

      await test.step('Dora unblocks Eli: he sees her online, his message goes through, a direct chat starts', async () => {
        await openOptions(blocker);
        await blocker.getByTestId('unblock-user').click();
        await expect(blocker.getByTestId('blocked-note')).toHaveCount(0);
        await expect(blocker.getByTestId('block-user')).toHaveText('Block Eli');
        await expect(blocked.getByTestId('conversation-subtitle')).toHaveText('online');
        const refused = message(blocked, 'Are you there?');
        await refused.getByRole('button', { name: 'Retry' }).click();
        await expect(refused).toHaveAttribute('data-status', /^(sent|read)$/);
        await expect(message(blocker, 'Are you there?')).toBeVisible();
        await startDirectChat(blocked, dora);
        await expect(blocked.getByTestId('direct-dialog')).toHaveCount(0);
        await expect(blocked.getByTestId('conversation-title')).toHaveText('Dora');
      });
    });

    test('the blocked users dialog lists whom the user blocked and unblocks them', async ({ signIn }) => {
      const [fay, gus] = [`fay-${width}`, `gus-${width}`];
      const longName = `Gus ${'Longname'.repeat(12)}`;
      const page = await signIn(fay, 'Fay', { viewport });
      await signIn(gus, longName);

      await test.step('nobody blocked yet', async () => {
        await page.getByTestId('blocked-users').click();
        const dialog = page.getByTestId('blocked-dialog');
        await expect(dialog.getByTestId('blocked-empty')).toHaveText('You have not blocked anyone.');
        await dialog.getByTestId('dialog-done').click();
        await expect(dialog).toHaveCount(0);
      });

      await test.step('Fay blocks Gus from their direct chat', async () => {
        await startDirectChat(page, gus);
        await expect(page.getByTestId('conversation-title')).toHaveText(longName);
        await openOptions(page);
        await expectInWindow(page.getByTestId('block-user'), page);
        await page.getByTestId('block-user').click();
        await page.getByTestId('block-dialog').getByTestId('confirm-ok').click();
        await expect(page.getByTestId('blocked-note')).toBeVisible();
      });

      await test.step('the dialog, reached from the list, shows him by name and id, inside the window', async () => {
        await backToList(page);
        await page.getByTestId('blocked-users').click();
        const dialog = page.getByTestId('blocked-dialog');
        const row = dialog.getByTestId('blocked-user');
        await expect(row).toHaveCount(1);
        await expect(row).toHaveAttribute('data-user-id', gus);
        await expect(row).toContainText(longName);
        await expect(row).toContainText(`@${gus}`);
        await expectInWindow(dialog, page);
        await expectInWindow(row.getByTestId('unblock'), page);
        await expectNoSidewaysOverflow(page);

        await row.getByRole('button', { name: `Unblock ${longName}` }).click();
        await expect(dialog.getByTestId('blocked-empty')).toHaveText('You have not blocked anyone.');
        await dialog.getByTestId('dialog-done').click();
      });

      await test.step('the direct chat offers to block him again', async () => {
        await openConversation(page, longName);
        await expect(page.getByTestId('blocked-note')).toHaveCount(0);
        await openOptions(page);
        await expect(page.getByTestId('block-user')).toHaveText(`Block ${longName}`);
      });
    });
  });
}
