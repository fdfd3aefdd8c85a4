import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describeError } from '../lib/components/errors.js';
import { ChatError, ConversationLeftError } from '../lib/chat-client/errors.js';
import { FakeWebSocket } from './support/fake-websocket.js';
import { FakeChatServer, flush } from './support/fake-server.js';
import { createTestClient, useFakeClock } from './support/harness.js';

beforeEach(() => {
  FakeWebSocket.reset();
  useFakeClock();
});
afterEach(() => vi.useRealTimers());

/** @param {string} message */
const rateLimited = (message) => new ChatError('RATE_LIMITED', message, { retryable: true });

describe('errors shown to the user', () => {
  it('word the server’s quotas as sentences', () => {
    expect(describeError(rateLimited('too many groups created: at most 20 an hour'))).toBe('Too many groups created: at most 20 an hour.');
    expect(describeError(rateLimited('too many conversations started: at most 100 an hour'))).toBe(
      'Too many conversations started: at most 100 an hour.'
    );
    expect(describeError(rateLimited('too many failed join attempts: at most 10 a minute'))).toBe(
      'Too many failed join attempts: at most 10 a minute.'
    );
    expect(describeError(rateLimited('too many requests, slow down'))).toBe('Too many requests, slow down.');
  });

  it('say that a message to a conversation the user left was not sent, also from a stored outbox entry', () => {
    expect(describeError(new ConversationLeftError(14))).toBe('You are no longer in this conversation.');
    expect(describeError({ code: 'CONVERSATION_LEFT', message: 'no longer a participant of conversation 14: the message was not sent' })).toBe(
      'You are no longer in this conversation.'
    );
  });
});

describe('a quota the user ran into', () => {
  it('rejects the request once, with the server’s reason; the client does not retry it behind the user’s back', async () => {
    const { client } = createTestClient({ userId: 'alice' });
    const server = new FakeChatServer();
    server.overrides.create_group = () => {
      throw Object.assign(new Error('too many groups created: at most 20 an hour'), { code: 'RATE_LIMITED', retryable: true });
    };
    client.connect();
    await flush();
    const ws = server.attach(FakeWebSocket.last);
    await flush(20);
    const error = await client.createGroup({ name: 'One more' }).catch((e) => e);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryable: true, message: 'too many groups created: at most 20 an hour' });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(ws.sentOf('create_group')).toHaveLength(1);
  });
});
