import { test, expect, DESKTOP, PHONE, expectLive, send, message, createGroup, joinGroup } from './fixtures.js';

/**
 * wss:// end to end: the page is served by Payara Micro's own HTTPS listener (--sslport, with a self-signed
 * certificate the test run made: tests/e2e/chat-server.js), the UI derives wss:// from https:, both users sign in
 * over it and exchange messages. The browsers accept the certificate because the test tells them to
 * (ignoreHTTPSErrors); Node checked it properly before the tests started.
 */
test('two users sign in and chat over wss:// through the HTTPS listener, at desktop and phone widths', async ({ server, signIn }) => {
  test.skip(process.env.E2E_SERVE_BUILD === '1', 'the jar serves the UI over HTTPS only when it was built with it');
  const desktop = await signIn('vera', 'Vera', { viewport: DESKTOP, https: true });
  const phone = await signIn('wim', 'Wim', { viewport: PHONE, https: true });
  const { host } = new URL(server.httpsUrl);

  for (const page of [desktop, phone]) {
    expect(new URL(page.url()).protocol).toBe('https:');
    // The socket of a fresh page load, watched from its start: wss:// to the HTTPS listener.
    const socket = page.waitForEvent('websocket');
    await page.reload();
    expect((await socket).url()).toBe(`wss://${host}/api/websocket`);
    await expectLive(page);
  }

  const inviteCode = await createGroup(desktop, 'Secure');
  await joinGroup(phone, inviteCode, 'Secure');
  await send(desktop, 'Over TLS');
  await expect(message(phone, 'Over TLS')).toBeVisible();
  await send(phone, 'Over TLS too');
  await expect(message(desktop, 'Over TLS too')).toBeVisible();
});
