import {
  test,
  expect,
  DESKTOP,
  PHONE,
  send,
  message,
  conversationItem,
  openConversation,
  createGroup,
  joinGroup,
  screenshot,
  expectNoSidewaysOverflow,
  expectInWindow,
  backToList
} from './fixtures.js';

/**
 * The reference UI holds any text at any width, says who wrote a group's last message, shows the same presence in
 * the list as in the header, and words its errors as sentences that go away when they no longer apply. Each test
 * runs at a desktop and at a phone width; the other user of a test is on a desktop.
 */

const LONG_WORDS = 'A preview far longer than a row can show, written in ordinary words, which must end in an ellipsis '.repeat(3);
const LONG_WORD = 'Supercalifragilistic'.repeat(15);
const EMOJI = '🎉🚀👩‍👩‍👧‍👦🏳️‍🌈 '.repeat(40);
const RTL = 'שלום לכולם, זו הודעה ארוכה בעברית שצריכה להיראות מימין לשמאל '.repeat(3);
const MAX = 'x'.repeat(1000) + ' ' + 'y'.repeat(2999); // 4000 characters, two of them "words"
/** What the UI's errors look like, whatever the server's wording: capitalised, ending with a full stop. */
const SENTENCE = /^[A-Z“"].*[.!?]$/s;

/** @param {import('@playwright/test').Locator} inner @param {import('@playwright/test').Locator} outer */
async function expectInside(inner, outer) {
  const [a, b] = [await inner.boundingBox(), await outer.boundingBox()];
  expect(a, 'inner element shown').not.toBeNull();
  expect(b, 'outer element shown').not.toBeNull();
  if (!a || !b) return;
  expect(a.x).toBeGreaterThanOrEqual(b.x - 0.5);
  expect(a.x + a.width).toBeLessThanOrEqual(b.x + b.width + 0.5);
}

/** The first `n` code points of a text (never half an emoji). @param {string} text @param {number} n */
function start(text, n) {
  return [...text.trim()].slice(0, n).join('');
}

for (const [width, viewport] of /** @type {const} */ ([['desktop', DESKTOP], ['phone', PHONE]])) {
  test.describe(`at ${width} width (${viewport.width}×${viewport.height})`, () => {
    test('long texts keep the time, the unread badge and Sign out in view; group previews name the sender', async ({ signIn }) => {
      const me = await signIn(`lena-${width}`, 'Lena', { viewport });
      const other = await signIn(`omar-${width}`, 'Omar');
      const group = `Layout ${width}`;
      const inviteCode = await createGroup(other, group);
      await joinGroup(me, inviteCode, group);
      // Look elsewhere, so that the group's messages stay unread: a direct chat (on a phone, back to the list).
      await backToList(me);
      await me.getByTestId('new-direct').click();
      await me.getByTestId('direct-user').fill(`omar-${width}`);
      await me.getByTestId('direct-submit').click();
      await expect(me.getByTestId('conversation-title')).toHaveText('Omar');
      await backToList(me);

      const row = conversationItem(me, group);
      const sent = [LONG_WORDS, LONG_WORD, EMOJI, RTL, MAX];
      for (const text of sent) await send(other, text);
      await expect(row.getByTestId('unread-badge')).toHaveText(String(sent.length));
      await expect(row.getByTestId('conversation-preview')).toHaveText(/^Omar: x{1000} y+$/);

      await test.step('the row keeps its time and unread badge; nothing is pushed out of the window', async () => {
        for (const text of [LONG_WORDS, LONG_WORD, EMOJI, RTL]) {
          // Each of them as the last message: a preview in each kind of text.
          await send(other, text);
          await expect(row.getByTestId('conversation-preview')).toContainText(start(text, 8));
          await expectInside(row.getByTestId('unread-badge'), row);
          await expectInside(row.getByTestId('conversation-time'), row);
          await expectInWindow(row.getByTestId('unread-badge'), me);
          await expectInWindow(me.getByTestId('sign-out'), me);
          await expectNoSidewaysOverflow(me);
        }
        if (width === 'phone') await screenshot(me, 'phone');
      });

      await test.step('the conversation shows every message inside the window, right-to-left text as such', async () => {
        await openConversation(me, group);
        for (const text of [LONG_WORD, MAX, RTL]) {
          const bubble = message(me, text).first();
          await bubble.scrollIntoViewIfNeeded();
          await expectInside(bubble, me.getByTestId('message-scroller'));
        }
        const rtl = message(me, RTL).first().getByTestId('message-text');
        expect(await rtl.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
        await expectInWindow(me.getByTestId('show-invite'), me);
        await expectNoSidewaysOverflow(me);
      });

      await test.step('your own last message reads "You: …", the other side sees your name; ticks are drawn large', async () => {
        await send(me, 'hi all');
        const mine = message(me, 'hi all');
        await expect(mine).toHaveAttribute('data-status', /^(sent|read|read-some)$/);
        const ticks = await mine.getByTestId('ticks').boundingBox();
        expect(ticks?.height ?? 0).toBeGreaterThanOrEqual(10);
        await backToList(me);
        await expect(conversationItem(me, group).getByTestId('conversation-preview')).toHaveText('You: hi all');
        await expect(conversationItem(other, group).getByTestId('conversation-preview')).toHaveText('Lena: hi all');
        // A direct chat names only the user: the title already says who the other one is.
        await openConversation(other, 'Lena');
        await send(other, 'see you');
        await expect(conversationItem(other, 'Lena').getByTestId('conversation-preview')).toHaveText('You: see you');
        await expect(conversationItem(me, 'Omar').getByTestId('conversation-preview')).toHaveText('see you');
      });
    });

    test('the list shows a member who joins as online at once, like the header, and offline when they leave', async ({ signIn }) => {
      const me = await signIn(`pia-${width}`, 'Pia', { viewport });
      const group = `Presence ${width}`;
      const inviteCode = await createGroup(me, group);
      const dot = conversationItem(me, group).getByTestId('presence-dot');
      await expect(me.getByTestId('conversation-subtitle')).toHaveText('1 member, 1 online');
      await expect(dot).toHaveAttribute('data-online', 'false');

      const joiner = await signIn(`quinn-${width}`, 'Quinn');
      await joinGroup(joiner, inviteCode, group);
      await expect(me.getByTestId('conversation-subtitle')).toHaveText('2 members, 2 online');
      await expect(dot).toHaveAttribute('data-online', 'true');

      await joiner.context().close(); // Quinn goes away: offline after the server's grace period
      await expect(me.getByTestId('conversation-subtitle')).toHaveText('2 members, 1 online');
      await expect(dot).toHaveAttribute('data-online', 'false');
    });

    test('errors are sentences, and go away once they no longer apply', async ({ signIn }) => {
      const me = await signIn(`rosa-${width}`, 'Rosa', { viewport });
      await createGroup(me, `Errors ${width}`);
      const composer = me.getByTestId('composer');
      const error = me.getByTestId('composer-error');

      await test.step('a message over 4000 characters: said while it is too long, gone when shortened or cleared', async () => {
        await composer.fill('z'.repeat(4001));
        await expect(error).toHaveText('The message is too long: 1 character over the limit of 4000.');
        await expect(me.getByTestId('send')).toBeDisabled();
        await composer.press('Enter');
        await expect(me.getByTestId('message')).toHaveCount(0);
        await composer.fill('z'.repeat(3999));
        await expect(error).toHaveCount(0);
        await composer.fill('z'.repeat(4010));
        await expect(error).toHaveText('The message is too long: 10 characters over the limit of 4000.');
        await composer.fill('');
        await expect(error).toHaveCount(0);
        await expectNoSidewaysOverflow(me);
      });

      await test.step('a wrong invite code: a sentence, gone as soon as the code is edited', async () => {
        await backToList(me);
        await me.getByTestId('join-group').click();
        await me.getByTestId('join-code').fill('no-such-code-123');
        await me.getByTestId('join-submit').click();
        const dialogError = me.getByTestId('join-group-dialog').getByTestId('dialog-error');
        await expect(dialogError).toHaveText(SENTENCE);
        await me.getByTestId('join-code').fill('no-such-code-124');
        await expect(dialogError).toHaveCount(0);
        await me.keyboard.press('Escape');
      });

      await test.step('an unknown user with a very long id: the dialog and its error stay inside the window', async () => {
        await me.getByTestId('new-direct').click();
        const id = 'nobody'.repeat(40);
        await me.getByTestId('direct-user').fill(id);
        await me.getByTestId('direct-submit').click();
        const dialogError = me.getByTestId('direct-dialog').getByTestId('dialog-error');
        await expect(dialogError).toHaveText(SENTENCE);
        await expectInWindow(me.getByTestId('direct-dialog'), me);
        await expectInside(dialogError, me.getByTestId('direct-dialog'));
        await me.getByTestId('direct-user').fill('someone');
        await expect(dialogError).toHaveCount(0);
        await me.keyboard.press('Escape');
      });

      await test.step("the new group's Done button sits apart from the text above it, like the other dialogs' buttons", async () => {
        await me.getByTestId('join-group').click();
        const joinSpacing = await me.getByTestId('join-group-dialog').locator('.buttons').evaluate((el) => getComputedStyle(el).marginTop);
        await me.keyboard.press('Escape');
        await me.getByTestId('new-group').click();
        await me.getByTestId('group-name').fill('G'.repeat(100)); // the longest name there is, in its title
        await me.getByTestId('group-create').click();
        const dialog = me.getByTestId('new-group-dialog');
        await expect(dialog.getByTestId('dialog-done')).toBeVisible();
        const doneSpacing = await dialog.locator('.buttons').evaluate((el) => getComputedStyle(el).marginTop);
        expect(doneSpacing).toBe(joinSpacing);
        expect(parseFloat(doneSpacing)).toBeGreaterThan(0);
        await expectInside(dialog.getByTestId('dialog-done'), dialog);
        await expectInWindow(dialog, me);
        await dialog.getByTestId('dialog-done').click();
      });
    });
  });
}
