import { test, expect, DESKTOP, PHONE, expectLive, send, message, createGroup, RECONNECT_TIMEOUT } from './fixtures.js';

/**
 * Reconnecting: a restarted server (down, then answering the upgrade with 404/503 while it deploys) is retried
 * quickly and never with a growing wait, so the pages are back about a second after it is ready; "Retry now" starts
 * a grown backoff over.
 */

/**
 * Records every change of the connection banner in the page (status, backoff attempt, when the next attempt is due,
 * whether the server is unreachable) with the page's clock: what the client scheduled, read after the fact.
 * @param {import('@playwright/test').Page} page
 */
async function recordBanner(page) {
  await page.evaluate(() => {
    const banner = /** @type {HTMLElement} */ (document.querySelector('[data-testid="connection-banner"]'));
    /** @type {{ at: number, status: string, attempt: number, nextAttemptAt: number | null, unreachable: boolean }[]} */
    const log = [];
    const note = () =>
      log.push({
        at: Date.now(),
        status: banner.dataset.status ?? '',
        attempt: Number(banner.dataset.attempt),
        nextAttemptAt: banner.dataset.nextAttemptAt ? Number(banner.dataset.nextAttemptAt) : null,
        unreachable: banner.dataset.unreachable === 'true'
      });
    note();
    new MutationObserver(note).observe(banner, { attributes: true });
    /** @type {any} */ (window).bannerLog = log;
  });
}

/** @param {import('@playwright/test').Page} page */
function bannerLog(page) {
  return page.evaluate(() => /** @type {{ at: number, status: string, attempt: number, nextAttemptAt: number | null, unreachable: boolean }[]} */ (/** @type {any} */ (window).bannerLog));
}

test('pages at desktop and phone widths are back about a second after a restarted server is ready', async ({ server, signIn }) => {
  const pages = {
    desktop: await signIn('sami', 'Sami', { viewport: DESKTOP }),
    phone: await signIn('tara', 'Tara', { viewport: PHONE })
  };
  await createGroup(pages.desktop, 'Restart');
  for (const page of Object.values(pages)) await recordBanner(page);

  await server.kill();
  for (const page of Object.values(pages)) {
    await expect(page.getByTestId('connection-banner')).toHaveAttribute('data-unreachable', 'true', { timeout: 30_000 });
    await expect(page.getByTestId('connection-text')).toHaveText(
      'The server is not answering (restarting or down). Trying again every second…'
    );
  }
  await server.restart();
  const readyAt = Date.now();
  for (const page of Object.values(pages)) await expectLive(page, RECONNECT_TIMEOUT);

  const measured = [];
  for (const [width, page] of Object.entries(pages)) {
    const log = await bannerLog(page);
    const lost = log.findIndex((entry) => entry.status !== 'live');
    const back = log.findIndex((entry, i) => i > lost && entry.status === 'live');
    const outage = log.slice(lost, back);
    // While the server was down or starting, no attempt was ever scheduled more than ~2 s ahead (1 s by design),
    // and the backoff did not grow.
    const waits = outage.filter((e) => e.unreachable && e.nextAttemptAt !== null).map((e) => /** @type {number} */ (e.nextAttemptAt) - e.at);
    expect(waits.length).toBeGreaterThan(0);
    expect(Math.max(...waits)).toBeLessThanOrEqual(2000);
    const attempts = new Set(outage.filter((e) => e.unreachable).map((e) => e.attempt));
    expect(attempts.size).toBe(1);
    // When the socket that got in opened (authenticating), and when the page was live (signed in, caught up).
    const opened = log.slice(lost, back).findLast((e) => e.status === 'authenticating');
    const seconds = (/** @type {number} */ at) => ((at - readyAt) / 1000).toFixed(1);
    measured.push(`${width}: open ${opened ? seconds(opened.at) : '?'} s, live ${seconds(log[back].at)} s`);
    // The last steps before, for whoever reads the figure: what the client was doing when the server came up.
    const steps = log.slice(Math.max(lost, back - 6), back + 1).map((e) => `${e.status}${e.unreachable ? '*' : ''} ${seconds(e.at)}`);
    console.log(`${width}: ${steps.join(', ')} (s after the server was ready; * unreachable)`);
  }
  // The figure, for the record (timings are not asserted: this machine is shared); readiness is seen by polling
  // every 100 ms, so it is at most that late.
  test.info().annotations.push({ type: 'back after the server was ready', description: measured.join(', ') });
  console.log(`reconnect after the server was ready: ${measured.join(', ')}`);

  await send(pages.desktop, 'Back after the restart');
  await expect(message(pages.desktop, 'Back after the restart')).toHaveAttribute('data-status', 'sent');
});

for (const [width, viewport] of /** @type {const} */ ([['desktop', DESKTOP], ['phone', PHONE]])) {
  test(`Retry now starts a grown backoff over (${width})`, async ({ signIn }) => {
    const page = await signIn(`uma-${width}`, 'Uma', { viewport });
    /** @type {import('@playwright/test').WebSocketRoute[]} */
    const sockets = [];
    let refuse = true;
    // From now on a server that accepts the connection and closes it at once (1013, try again later): a real
    // refusal, which grows the backoff.
    await page.routeWebSocket(/\/api\/websocket/, (ws) => {
      const server = ws.connectToServer();
      if (!refuse) {
        sockets.push(ws);
        return;
      }
      // The handshake completed (the page saw it open); the server's first frame is answered with a close.
      server.onMessage(() => {
        ws.close({ code: 1013, reason: 'try again later' });
        server.close();
      });
    });
    await page.reload(); // the page's socket now goes through the route
    const banner = page.getByTestId('connection-banner');
    // the third refusal or any later one: an attempt's number shows only for its backoff, which a loaded machine may
    // outlast between two looks
    await expect.poll(async () => Number(await banner.getAttribute('data-attempt')), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(3);
    await expect(page.getByTestId('connection-text')).toHaveText(/^Connection lost\. Reconnecting in \d+ s…$/);
    await expect(page.getByTestId('retry-now')).toBeVisible();

    await page.getByTestId('retry-now').click();
    // reconnect() started over: the attempt it made was refused again and scheduled as the first of a new series
    await expect(banner).toHaveAttribute('data-attempt', '1');

    // The server takes connections again: the next attempt, at most a few seconds away, gets in.
    refuse = false;
    await expectLive(page);
    expect(sockets).toHaveLength(1);
  });
}
