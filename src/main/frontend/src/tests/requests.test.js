import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from './support/fake-websocket.js';
import { flush } from './support/fake-server.js';
import { createTestClient, liveClient as live, useFakeClock } from './support/harness.js';
import { ChatError, ConnectionLostError, NotConnectedError, RequestTimeoutError } from '../lib/chat-client/errors.js';

beforeEach(() => {
  FakeWebSocket.reset();
  useFakeClock();
});
afterEach(() => vi.useRealTimers());

describe('requests', () => {
  it('resolve with the ack payload matched by requestId', async () => {
    const { client, ws } = await live();
    const answer = client.request('ping');
    const { requestId } = ws.sent.at(-1);
    ws.server = null; // answer by hand, out of order with an unrelated ack first
    ws.receive({ type: 'ack', payload: { other: true }, requestId: 'unrelated' });
    ws.receive({ type: 'ack', payload: { serverTime: 'now' }, requestId });
    await expect(answer).resolves.toEqual({ serverTime: 'now' });
  });

  it('give every request a new id of at most 64 characters', async () => {
    const { client, ws } = await live();
    await Promise.all([client.ping(), client.ping(), client.ping()]);
    const ids = ws.sentOf('ping').map((f) => f.requestId);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(64);
  });

  it('reject with a ChatError carrying code, message, retryable and requestId', async () => {
    const { client, server, ws } = await live();
    server.overrides.create_group = () => {
      throw Object.assign(new Error('name must not be blank'), { code: 'BAD_REQUEST' });
    };
    const error = await client.createGroup({ name: ' ' }).catch((e) => e);
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'name must not be blank',
      retryable: false,
      requestId: ws.sentOf('create_group')[0].requestId,
      type: 'create_group'
    });
  });

  it('report retryable server errors as retryable', async () => {
    const { client, server } = await live();
    server.overrides.load_conversations = () => {
      throw Object.assign(new Error('the database is unavailable, retry shortly'), { code: 'UNAVAILABLE', retryable: true });
    };
    await expect(client.loadConversations()).rejects.toMatchObject({ code: 'UNAVAILABLE', retryable: true });
  });

  it('time out when no answer comes', async () => {
    const { client, server } = await live({ requestTimeoutMs: 2000 });
    server.overrides.ping = () => undefined;
    const answer = client.ping().catch((e) => e);
    await vi.advanceTimersByTimeAsync(2000);
    const error = await answer;
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true, type: 'ping' });
  });

  it('all fail with ConnectionLostError when the connection closes', async () => {
    const { client, server, ws } = await live();
    server.overrides.ping = () => undefined;
    server.overrides.load_conversations = () => undefined;
    const answers = [client.ping(), client.loadConversations()].map((p) => p.catch((e) => e));
    await flush();
    ws.serverClose(1006);
    const errors = await Promise.all(answers);
    for (const error of errors) {
      expect(error).toBeInstanceOf(ConnectionLostError);
      expect(error).toMatchObject({ code: 'CONNECTION_LOST', closeCode: 1006 });
    }
  });

  it('fail fast with NotConnectedError while not connected', async () => {
    const { client } = createTestClient();
    await expect(client.ping()).rejects.toBeInstanceOf(NotConnectedError);
    await expect(client.joinGroup('abc')).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
  });

  it('refuse a frame larger than the frame limit instead of getting the connection closed', async () => {
    const { client, ws } = await live({ maxFrameBytes: 1024 });
    await expect(client.createGroup({ name: 'x', description: 'é'.repeat(600) })).rejects.toMatchObject({
      code: 'BAD_REQUEST'
    });
    expect(ws.sentOf('create_group')).toHaveLength(0);
  });

  it('ignore unknown events and frames that are not JSON', async () => {
    const { client, ws, errors } = await live();
    ws.onmessage?.({ data: 'not json' });
    ws.receive({ type: 'future_event', payload: { x: 1 } });
    await expect(client.ping()).resolves.toHaveProperty('serverTime');
    expect(errors).toEqual([]);
  });
});
