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
  createGroup,
  joinGroup,
  screenshot
} from './fixtures.js';

/**
 * People and groups (issue 14), through the reference UI with two or three users: roles in the members panel and
 * what each role may do, adding people found by name, removing a member who is looking at the conversation,
 * group settings (a rename seen live, the invite code hidden from plain members, a new code with a number of
 * uses), handing a group over and the owner leaving, and starting a direct chat with someone found by name.
 */

/** @param {import('@playwright/test').Page} page */
async function openOptions(page) {
  const panel = page.getByTestId('options-panel');
  if (!(await panel.isVisible())) await page.getByTestId('conversation-options').click();
  await expect(panel).toBeVisible();
}

/** Opens the members panel of the conversation shown. @param {import('@playwright/test').Page} page */
async function openMembers(page) {
  await openOptions(page);
  await page.getByTestId('show-members').click();
  const dialog = page.getByTestId('members-dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

/** @param {import('@playwright/test').Locator} dialog @param {string} userId */
function member(dialog, userId) {
  return dialog.locator(`[data-testid="member"][data-user-id="${userId}"]`);
}

/**
 * The buttons a member's row offers, by test id.
 * @param {import('@playwright/test').Locator} row
 */
async function actionsOf(row) {
  return row.locator('.actions button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-testid')));
}

for (const [width, viewport] of /** @type {const} */ ([['desktop', DESKTOP], ['phone', PHONE]])) {
  test(`roles and removal at ${width} width: the removed member, looking at the group, sees it go and why`, async ({ signIn }) => {
    const [olga, adam, mia] = [`olga-${width}`, `adam-${width}`, `mia-${width}`];
    const owner = await signIn(olga, 'Olga');
    const adamPage = await signIn(adam, 'Adam');
    const miaPage = await signIn(mia, `Mia Quill ${width}`, { viewport });
    const group = `Crew ${width}`;
    const inviteCode = await createGroup(owner, group);
    await joinGroup(adamPage, inviteCode, group);

    await test.step('the owner finds Mia by name and adds her: her list shows the group at once', async () => {
      const dialog = await openMembers(owner);
      await expect(member(dialog, olga).getByTestId('member-role')).toHaveText('Owner');
      await dialog.getByTestId('add-people').fill('quill');
      const found = dialog.locator(`[data-testid="person"][data-user-id="${mia}"]`);
      await expect(found).toContainText(`Mia Quill ${width}`);
      await found.getByTestId('person-pick').click();
      await expect(dialog.getByTestId('member')).toHaveCount(3);
      await expect(conversationItem(miaPage, group)).toBeVisible();
    });

    await test.step('the owner makes Adam an admin; Adam sees it in his own panel at once', async () => {
      const adamDialog = await openMembers(adamPage);
      await expect(member(adamDialog, adam).getByTestId('member-role')).toHaveCount(0);
      const dialog = owner.getByTestId('members-dialog');
      await member(dialog, adam).getByTestId('member-make-admin').click();
      await expect(member(dialog, adam).getByTestId('member-role')).toHaveText('Admin');
      await expect(member(adamDialog, adam).getByTestId('member-role')).toHaveText('Admin');
      // The owner may do everything to each other member; an admin may remove plain members only.
      expect(await actionsOf(member(dialog, adam))).toEqual(['member-remove-admin', 'member-make-owner', 'member-remove']);
      expect(await actionsOf(member(dialog, mia))).toEqual(['member-make-admin', 'member-make-owner', 'member-remove']);
      expect(await actionsOf(member(dialog, olga))).toEqual([]);
      expect(await actionsOf(member(adamDialog, olga))).toEqual([]);
      await expect(member(adamDialog, mia).getByTestId('member-remove')).toBeVisible();
      expect(await actionsOf(member(adamDialog, mia))).toEqual(['member-remove']);
      if (width === 'desktop') await screenshot(owner, 'members');
      await dialog.getByTestId('dialog-done').click();
    });

    await test.step('a plain member sees roles but no action, and no group settings', async () => {
      await openConversation(miaPage, group);
      const dialog = await openMembers(miaPage);
      await expect(member(dialog, olga).getByTestId('member-role')).toHaveText('Owner');
      await expect(member(dialog, adam).getByTestId('member-role')).toHaveText('Admin');
      await expect(dialog.locator('.actions button')).toHaveCount(0);
      await expect(dialog.getByTestId('add-people')).toHaveCount(0);
      await expect(dialog.getByTestId('leave-group')).toBeVisible();
      await expectInWindow(dialog, miaPage);
      await expectNoSidewaysOverflow(miaPage);
      await dialog.getByTestId('dialog-done').click();
      await expect(miaPage.getByTestId('group-settings-open')).toHaveCount(0);
      await send(miaPage, 'Hello crew');
      await expect(message(owner, 'Hello crew')).toBeVisible();
    });

    await test.step('Adam removes Mia while she looks at the group: it goes from her view and list, with a notice', async () => {
      const dialog = adamPage.getByTestId('members-dialog');
      await member(dialog, mia).getByTestId('member-remove').click();
      await expect(dialog.getByTestId('member-confirm')).toContainText(`Remove Mia Quill ${width} from “${group}”?`);
      await dialog.getByTestId('member-confirm-ok').click();
      await expect(dialog.getByTestId('member')).toHaveCount(2);

      await expect(miaPage.getByTestId('conversation-view')).toHaveCount(0);
      await expect(conversationItem(miaPage, group)).toHaveCount(0);
      await expect(miaPage.getByTestId('left-notice-text')).toHaveText(`You were removed from “${group}”.`);
      if (width === 'phone') await screenshot(miaPage, 'removed');
      await expect(owner.getByTestId('conversation-subtitle')).toHaveText(/^2 members/);
    });

    await test.step('what is written afterwards does not reach her, and a reload does not bring the group back', async () => {
      await send(owner, 'After Mia');
      await expect(message(adamPage, 'After Mia')).toBeVisible();
      await expect(message(owner, 'Hello crew')).toBeVisible(); // what she wrote stays
      await miaPage.getByTestId('dismiss-notice').click();
      await miaPage.reload();
      await expectLive(miaPage);
      await expect(conversationItem(miaPage, group)).toHaveCount(0);
      await expect(miaPage.getByTestId('left-notice')).toHaveCount(0);
    });
  });
}

test('group settings: a rename shows live, members stop seeing the code, a new code with one use', async ({ signIn }) => {
  const owner = await signIn('gina-groups', 'Gina');
  const ben = await signIn('ben-groups', 'Ben');
  const cleo = await signIn('cleo-groups', 'Cleo');
  const dan = await signIn('dan-groups', 'Dan');
  const oldCode = await createGroup(owner, 'Book club');
  await joinGroup(ben, oldCode, 'Book club');
  await expect(ben.getByTestId('show-invite')).toBeVisible();

  await test.step('the owner renames the group and describes it: Ben sees the new name at once', async () => {
    await openOptions(owner);
    await owner.getByTestId('group-settings-open').click();
    const dialog = owner.getByTestId('group-settings');
    await dialog.getByTestId('settings-name').fill('Reading circle');
    await dialog.getByTestId('settings-description').fill('One book a month');
    await dialog.getByTestId('settings-save').click();
    await expect(dialog.getByTestId('settings-saved')).toBeVisible();
    await expect(ben.getByTestId('conversation-title')).toHaveText('Reading circle');
    await expect(conversationItem(ben, 'Reading circle')).toBeVisible();
    await expect(owner.getByTestId('conversation-title')).toHaveText('Reading circle');
  });

  await test.step('members may no longer see the invite code: Ben’s Invite button goes, the owner keeps it', async () => {
    const dialog = owner.getByTestId('group-settings');
    await dialog.getByTestId('settings-members-can-invite').uncheck();
    await dialog.getByTestId('settings-save').click();
    await expect(dialog.getByTestId('settings-saved')).toBeVisible();
    await expect(ben.getByTestId('show-invite')).toHaveCount(0);
    await expect(owner.getByTestId('show-invite')).toBeVisible();
    await openOptions(ben);
    await expect(ben.getByTestId('group-settings-open')).toHaveCount(0);
  });

  let newCode = '';
  await test.step('a new code that may be used once: the old one stops working', async () => {
    const dialog = owner.getByTestId('group-settings');
    await dialog.getByTestId('invite-max-uses').fill('1');
    await dialog.getByTestId('rotate-invite').click();
    await expect(dialog.getByTestId('invite-code')).not.toHaveValue(oldCode);
    newCode = await dialog.getByTestId('invite-code').inputValue();
    expect(newCode).toMatch(/^[A-Za-z0-9_-]{16}$/);
    await expect(dialog.getByTestId('invite-limits')).toContainText('Used 0 of 1 times.');
    await screenshot(owner, 'group-settings');
    await owner.keyboard.press('Escape');

    await cleo.getByTestId('join-group').click();
    await cleo.getByTestId('join-code').fill(oldCode);
    await cleo.getByTestId('join-submit').click();
    await expect(cleo.getByTestId('join-group-dialog').getByTestId('dialog-error')).toBeVisible();
    await cleo.keyboard.press('Escape');
    await joinGroup(cleo, newCode, 'Reading circle');
  });

  await test.step('used up, the new code lets nobody else in', async () => {
    await dan.getByTestId('join-group').click();
    await dan.getByTestId('join-code').fill(newCode);
    await dan.getByTestId('join-submit').click();
    await expect(dan.getByTestId('join-group-dialog').getByTestId('dialog-error')).toBeVisible();
    await expect(conversationItem(dan, 'Reading circle')).toHaveCount(0);
  });
});

test('handing a group over, then the new owner leaves: ownership comes back to the earliest admin', async ({ signIn }) => {
  const hana = await signIn('hana-groups', 'Hana');
  const ivo = await signIn('ivo-groups', 'Ivo');
  const code = await createGroup(hana, 'Garden');
  await joinGroup(ivo, code, 'Garden');

  await test.step('Hana makes Ivo the owner, after confirming; she is an admin now, on both pages', async () => {
    const dialog = await openMembers(hana);
    const ivoDialog = await openMembers(ivo);
    await member(dialog, 'ivo-groups').getByTestId('member-make-owner').click();
    await expect(dialog.getByTestId('member-confirm')).toContainText('Make Ivo the owner of “Garden”? You will be an admin.');
    await dialog.getByTestId('member-confirm-ok').click();
    await expect(member(dialog, 'ivo-groups').getByTestId('member-role')).toHaveText('Owner');
    await expect(member(dialog, 'hana-groups').getByTestId('member-role')).toHaveText('Admin');
    await expect(dialog.getByTestId('member-make-owner')).toHaveCount(0); // no longer hers to give
    await expect(member(ivoDialog, 'ivo-groups').getByTestId('member-role')).toHaveText('Owner');
    await expect(member(ivoDialog, 'hana-groups').getByTestId('member-role')).toHaveText('Admin');
    await expect(member(ivoDialog, 'hana-groups').getByTestId('member-remove-admin')).toBeVisible();
    await dialog.getByTestId('dialog-done').click();
  });

  await test.step('Ivo leaves from the members panel; the dialog says who owns it next', async () => {
    await ivo.getByTestId('members-dialog').getByTestId('leave-group').click();
    const confirm = ivo.getByTestId('leave-dialog');
    await expect(confirm).toContainText('You own it: Hana becomes its owner.');
    await confirm.getByTestId('confirm-ok').click();
    await expect(conversationItem(ivo, 'Garden')).toHaveCount(0);
    await expect(ivo.getByTestId('left-notice')).toHaveCount(0);
  });

  await test.step('Hana is the owner again, and alone', async () => {
    const dialog = await openMembers(hana);
    await expect(dialog.getByTestId('member')).toHaveCount(1);
    await expect(member(dialog, 'hana-groups').getByTestId('member-role')).toHaveText('Owner');
    await expect(hana.getByTestId('conversation-subtitle')).toHaveText(/^1 member\b/);
  });
});

test('people search: a direct chat started by name; a raw user id still works', async ({ signIn }) => {
  await signIn('uma-zephyr', 'Uma Zephyr');
  await signIn('walt-groups', 'Walt Whitmore');
  const val = await signIn('val-groups', 'Val');

  await test.step('typing part of a name finds the person; Chat opens the direct chat', async () => {
    await val.getByTestId('new-direct').click();
    const dialog = val.getByTestId('direct-dialog');
    await dialog.getByTestId('direct-user').fill('zeph');
    const found = dialog.getByTestId('person');
    await expect(found).toHaveCount(1);
    await expect(found).toHaveAttribute('data-user-id', 'uma-zephyr');
    await expect(found.getByTestId('person-name')).toHaveText('Uma Zephyr');
    await screenshot(val, 'people-search');
    await found.getByTestId('person-pick').click();
    await expect(dialog).toHaveCount(0);
    await expect(val.getByTestId('conversation-title')).toHaveText('Uma Zephyr');
  });

  await test.step('nobody found says so; the raw id is still a way in', async () => {
    await val.getByTestId('new-direct').click();
    const dialog = val.getByTestId('direct-dialog');
    await dialog.getByTestId('direct-user').fill('qqqq-nobody');
    await expect(dialog.getByTestId('people-none')).toBeVisible();
    await dialog.getByTestId('direct-user').fill('walt-groups');
    await expect(dialog.getByTestId('person')).toHaveCount(1); // found, but the id typed is enough
    await dialog.getByTestId('direct-submit').click();
    await expect(dialog).toHaveCount(0);
    await expect(val.getByTestId('conversation-title')).toHaveText('Walt Whitmore');
  });
});
