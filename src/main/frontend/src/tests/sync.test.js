import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from './support/fake-websocket.js';
import { FakeChatServer, flush } from './support/fake-server.js';
import { createTestClient, useFakeClock } from './support/harness.js';

beforeEach(() => {
  FakeWebSocket.reset();
  useFakeClock();
});
afterEach(() => vi.useRealTimers());

/** A live client of alice, in conversation 12 with bob, collecting the messages it reports. */
async function setup(options = {}) {
  const harness = createTestClient(options);
  const server = new FakeChatServer();
  server.addConversation(12);
  /** @type {Map<number, any>} seq → message, as a store would keep them */
  const seen = new Map();
  const sources = [];
  harness.client.on('messages', ({ messages, source }) => {
    for (const m of messages) seen.set(m.seq, m);
    sources.push(source);
  });
  harness.client.connect();
  await flush();
  const ws = server.attach(FakeWebSocket.last);
  await flush(20);
  return { ...harness, server, ws, seen, sources };
}

/** Reconnects after the current socket closed. */
async function reconnect(client, server) {
  await vi.advanceTimersByTimeAsync(client.state.nextAttemptAt - Date.now());
  const ws = server.attach(FakeWebSocket.last);
  await flush(30);
  return ws;
}

describe('catch-up after a reconnect', () => {
  it('re-joins the rooms first, then syncs from the last seq seen per conversation', async () => {
    const { client, server, ws, seen } = await setup();
    await client.joinConversation(12);
    for (const text of ['a', 'b', 'c']) ws.receive({ type: 'new_message', payload: { message: server.messageFrom(12, 'bob', text) } });
    ws.serverClose(1001, 'server shutting down');
    for (const text of ['d', 'e']) server.messageFrom(12, 'bob', text); // missed while away
    const ws2 = await reconnect(client, server);
    const types = ws2.sent.map((f) => f.type);
    expect(types.indexOf('join_conversation')).toBeLessThan(types.indexOf('sync'));
    expect(ws2.sentOf('join_conversation')[0].payload).toEqual({ conversationId: 12 });
    expect(ws2.sentOf('sync')[0].payload.conversations).toEqual([{ conversationId: 12, afterSeq: 3, afterRev: 3 }]);
    expect([...seen.values()].map((m) => m.content)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(client.state.status).toBe('live');
  });

  it('repeats sync while a conversation has more', async () => {
    const { client, server, ws, seen } = await setup({ syncLimit: 2 });
    ws.serverClose(1006);
    for (let i = 1; i <= 5; i++) server.messageFrom(12, 'bob', `m${i}`);
    const ws2 = await reconnect(client, server);
    expect(ws2.sentOf('sync').map((f) => f.payload.conversations[0].afterSeq)).toEqual([0, 2, 4]);
    expect([...seen.keys()]).toEqual([1, 2, 3, 4, 5]);
  });

  it('resets a conversation that is too far behind instead of replaying it', async () => {
    const { client, server, ws } = await setup({ syncLimit: 2, maxCatchUp: 3 });
    const resets = [];
    client.on('reset', (r) => resets.push(r));
    ws.serverClose(1006);
    for (let i = 1; i <= 10; i++) server.messageFrom(12, 'bob', `m${i}`);
    const ws2 = await reconnect(client, server);
    expect(resets).toEqual([{ conversationId: 12, lastSeq: 10 }]);
    expect(ws2.sentOf('sync')).toHaveLength(1);
    // The cursor moved to the newest message: the next one is no gap.
    ws2.receive({ type: 'new_message', payload: { message: server.messageFrom(12, 'bob', 'm11') } });
    await flush(20);
    expect(ws2.sentOf('sync')).toHaveLength(1);
  });

  it('reports read positions from sync', async () => {
    const { client, server, ws } = await setup();
    const syncs = [];
    client.on('sync', (s) => syncs.push(s));
    server.messageFrom(12, 'alice', 'hi');
    server.conversations.get(12).reads.set('bob', 1);
    ws.serverClose(1006);
    await reconnect(client, server);
    expect(syncs.at(-1).readPositions).toContainEqual({ userId: 'bob', lastReadSeq: 1 });
  });
});

describe('gaps in live messages', () => {
  it('syncs a conversation when a new_message skips seqs', async () => {
    const { server, ws, seen } = await setup();
    ws.receive({ type: 'new_message', payload: { message: server.messageFrom(12, 'bob', 'one') } });
    server.messageFrom(12, 'bob', 'two (never announced)');
    ws.receive({ type: 'new_message', payload: { message: server.messageFrom(12, 'bob', 'three') } });
    await flush(20);
    expect(ws.sentOf('sync').at(-1).payload.conversations).toEqual([{ conversationId: 12, afterSeq: 1, afterRev: 1 }]);
    expect([...seen.keys()].sort()).toEqual([1, 2, 3]);
  });

  it('does not sync when seqs follow each other', async () => {
    const { server, ws } = await setup();
    const before = ws.sentOf('sync').length;
    for (const text of ['one', 'two', 'three']) ws.receive({ type: 'new_message', payload: { message: server.messageFrom(12, 'bob', text) } });
    await flush(20);
    expect(ws.sentOf('sync')).toHaveLength(before);
  });

  it('does not treat a message it already has as new or as a gap', async () => {
    const { client, server, ws } = await setup();
    const m1 = server.messageFrom(12, 'bob', 'one');
    ws.receive({ type: 'new_message', payload: { message: m1 } });
    ws.receive({ type: 'new_message', payload: { message: m1 } });
    await flush();
    const before = ws.sentOf('sync').length;
    await client.loadMessages(12, { afterSeq: 0 });
    await flush();
    expect(ws.sentOf('sync')).toHaveLength(before);
  });
});

describe('typing', () => {
  it('sends typing_start at most every 3 s while typing, and typing_stop once', async () => {
    const { client, ws } = await setup();
    client.typing(12);
    client.typing(12);
    await vi.advanceTimersByTimeAsync(2000);
    client.typing(12);
    await vi.advanceTimersByTimeAsync(1000);
    client.typing(12);
    await flush();
    expect(ws.sentOf('typing_start')).toHaveLength(2);
    client.stopTyping(12);
    client.stopTyping(12);
    await flush();
    expect(ws.sentOf('typing_stop')).toHaveLength(1);
  });

  it('stops typing when the message is sent', async () => {
    const { client, ws } = await setup();
    client.typing(12);
    await client.sendMessage(12, 'done');
    await flush(20);
    const types = ws.sent.map((f) => f.type);
    expect(types.indexOf('typing_stop')).toBeGreaterThan(types.indexOf('typing_start'));
    expect(types.indexOf('typing_stop')).toBeLessThan(types.indexOf('send_message'));
  });

  it('sends no typing_stop without a start', async () => {
    const { client, ws } = await setup();
    client.stopTyping(12);
    await flush();
    expect(ws.sentOf('typing_stop')).toHaveLength(0);
  });
});

describe('pages shorter than the limit (bounded in bytes)', () => {
  it('catches up by the cursor while hasMore, whatever each page holds', async () => {
    const { client, server, ws } = await setup({ syncLimit: 100 });
    const contents = [];
    client.on('messages', ({ messages }) => contents.push(...messages.map((m) => m.content)));
    server.addConversation(14, ['alice', 'bob', 'carol']);
    await client.loadConversations();
    server.pageCap = 3; // far fewer than the limit of 100 per answer
    ws.serverClose(1006);
    for (let i = 1; i <= 5; i++) server.messageFrom(12, 'bob', `a${i}`);
    for (let i = 1; i <= 2; i++) server.messageFrom(14, 'carol', `b${i}`);
    const ws2 = await reconnect(client, server);
    // Round 1: three of 12, none of 14 (budget spent); round 2: the last two of 12, one of 14; round 3: the rest.
    expect(ws2.sentOf('sync').map((f) => f.payload.conversations)).toEqual([
      [{ conversationId: 12, afterSeq: 0, afterRev: 0 }, { conversationId: 14, afterSeq: 0, afterRev: 0 }],
      [{ conversationId: 12, afterSeq: 3, afterRev: 5 }, { conversationId: 14, afterSeq: 0, afterRev: 2 }],
      [{ conversationId: 12, afterSeq: 5, afterRev: 5 }, { conversationId: 14, afterSeq: 1, afterRev: 2 }]
    ]);
    expect(contents.sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'b1', 'b2']);
    expect(client.state.status).toBe('live');
  });

  it('stops a round that brought nothing though it said hasMore, instead of asking again and again', async () => {
    const { client, server, ws } = await setup();
    ws.serverClose(1006);
    server.messageFrom(12, 'bob', 'never handed out');
    server.overrides.sync = () => ({
      conversations: [{ conversationId: 12, messages: [], hasMore: true, lastSeq: 1, lastReadSeq: 0, readPositions: [] }]
    });
    const ws2 = await reconnect(client, server);
    expect(ws2.sentOf('sync')).toHaveLength(1);
    expect(client.state.status).toBe('live');
  });
});
