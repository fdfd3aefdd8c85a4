import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { EVENT_HANDLERS, receive } from '../lib/chat-client/events.js';
import { ChatError } from '../lib/chat-client/errors.js';
import { FakeWebSocket } from './support/fake-websocket.js';
import { flush } from './support/fake-server.js';
import { liveClient, useFakeClock } from './support/harness.js';

/** The event types protocol.md §7 documents: its `### \`name\`` headings, up to the next chapter. */
function documentedEvents() {
  const protocol = readFileSync(new URL('../../../../../docs/protocol.md', import.meta.url), 'utf8');
  const chapter = protocol.slice(protocol.indexOf('## 7. Events'), protocol.indexOf('## 8. '));
  return [...chapter.matchAll(/^### `(\w+)`$/gm)].map((m) => m[1]);
}

/**
 * The client's parts as fakes that record every call, in order, in `calls`.
 * @param {{ authenticated?: boolean, userId?: string, gap?: boolean, matched?: boolean }} [options] gap: what
 *   `catchUp.accept` answers; matched: what `requests.settle` answers
 */
function fakeParts({ authenticated = false, userId = 'alice', gap = false, matched = false } = {}) {
  /** @type {any[][]} */
  const calls = [];
  /** @param {string} name @param {unknown} [result] */
  const record = (name, result) =>
    vi.fn((...args) => {
      calls.push([name, ...args]);
      return result;
    });
  const parts = {
    connection: {
      authenticated,
      userId,
      signedIn: record('connection.signedIn'),
      signIn: { unauthenticated: record('signIn.unauthenticated'), scheduleRefresh: record('signIn.scheduleRefresh') }
    },
    requests: { settle: record('requests.settle', matched) },
    catchUp: {
      accept: record('catchUp.accept', gap),
      fillGap: record('catchUp.fillGap'),
      known: record('catchUp.known'),
      resume: record('catchUp.resume')
    },
    membership: { memberLeft: record('membership.memberLeft'), present: record('membership.present') },
    outbox: { open: record('outbox.open') },
    emit: record('emit')
  };
  return { parts: /** @type {any} */ (parts), calls };
}

/** @param {any} parts @param {unknown} frame */
function deliver(parts, frame, session = 7) {
  receive(parts, JSON.stringify(frame), session);
}

describe('the event map', () => {
  it('has a handler for every event protocol.md §7 documents, and none for others', () => {
    const documented = documentedEvents();
    expect(documented.length).toBeGreaterThanOrEqual(8);
    expect([...EVENT_HANDLERS.keys()].sort()).toEqual([...documented].sort());
  });

  it.each(['no_such_event', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'ack ', ''])(
    'ignores the unknown event %j: only `event` listeners hear of it',
    (type) => {
      const { parts, calls } = fakeParts();
      expect(() => deliver(parts, { type, payload: { conversationId: 1 }, requestId: null })).not.toThrow();
      expect(calls).toEqual([['emit', 'event', { type, payload: { conversationId: 1 } }]]);
    }
  );

  it.each([['not json'], [JSON.stringify(null)], [JSON.stringify([1, 2])], [JSON.stringify({ type: 5 })], [new ArrayBuffer(4)]])(
    'drops a frame that is not an event or an answer: %s',
    (data) => {
      const { parts, calls } = fakeParts();
      expect(() => receive(parts, data, 7)).not.toThrow();
      expect(calls).toEqual([]);
    }
  );

  it('hands handlers an empty payload when the frame has none', () => {
    const { parts, calls } = fakeParts();
    deliver(parts, { type: 'presence', payload: null });
    expect(calls).toEqual([
      ['emit', 'presence', {}],
      ['emit', 'event', { type: 'presence', payload: {} }]
    ]);
  });

  it('settles requests with answers, and reports an error that answers none', () => {
    const { parts, calls } = fakeParts();
    deliver(parts, { type: 'error', payload: { code: 'RATE_LIMITED', message: 'slow down', retryable: true }, requestId: 'x-1' });
    expect(calls[0]).toEqual(['requests.settle', { type: 'error', payload: expect.any(Object), requestId: 'x-1' }]);
    const [, type, error] = calls[1];
    expect(type).toBe('error');
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryable: true, requestId: 'x-1' });
    expect(calls).toHaveLength(2); // answers are not events
  });

  it('says nothing more of an answer that matched its request', () => {
    const { parts, calls } = fakeParts({ matched: true });
    deliver(parts, { type: 'ack', payload: {}, requestId: 'x-2' });
    expect(calls.map(([name]) => name)).toEqual(['requests.settle']);
  });
});

describe('event handlers', () => {
  it('connection_status authenticated: signs in, opens the outbox, announces it, plans the refresh, then catches up', () => {
    const { parts, calls } = fakeParts();
    deliver(parts, { type: 'connection_status', payload: { status: 'authenticated', userId: 'alice', connectionId: 'c1' } }, 3);
    expect(calls.slice(0, -1)).toEqual([
      ['connection.signedIn', { userId: 'alice', connectionId: 'c1' }],
      ['outbox.open', 'alice'],
      ['emit', 'authenticated', { userId: 'alice', connectionId: 'c1' }],
      ['signIn.scheduleRefresh', 3],
      ['catchUp.resume', 3]
    ]);
  });

  it('connection_status authenticated on a signed-in connection (an `auth` refresh) changes nothing', () => {
    const { parts, calls } = fakeParts({ authenticated: true });
    deliver(parts, { type: 'connection_status', payload: { status: 'authenticated', userId: 'alice', connectionId: 'c1' } });
    expect(calls.map(([name, type]) => `${name} ${type ?? ''}`.trim())).toEqual(['emit event']);
  });

  it('connection_status unauthenticated: signs in with `auth`; closing: waits for the close', () => {
    const { parts, calls } = fakeParts();
    deliver(parts, { type: 'connection_status', payload: { status: 'unauthenticated' } }, 4);
    deliver(parts, { type: 'connection_status', payload: { status: 'closing', reason: 'server shutting down' } }, 4);
    expect(calls.filter(([name]) => name !== 'emit')).toEqual([['signIn.unauthenticated', 4]]);
  });

  it('new_message: accepts the message as live (its seq and rev move the cursors), and fills a gap it reveals', () => {
    const message = { id: 1, conversationId: 12, seq: 5, senderId: 'bob', content: 'hi' };
    const inOrder = fakeParts();
    deliver(inOrder.parts, { type: 'new_message', payload: { message } }, 9);
    expect(inOrder.calls[0]).toEqual(['catchUp.accept', 12, [message], 'live', { track: true, revs: true }]);
    expect(inOrder.parts.catchUp.fillGap).not.toHaveBeenCalled();

    const withGap = fakeParts({ gap: true });
    deliver(withGap.parts, { type: 'new_message', payload: { message } }, 9);
    expect(withGap.parts.catchUp.fillGap).toHaveBeenCalledWith(9);
  });

  it('message_updated: accepts the changed message as an update, and fills a gap its rev reveals', () => {
    const message = { id: 1, conversationId: 12, seq: 2, senderId: 'bob', content: 'fixed', editedAt: '2025-01-01T00:00:00Z', rev: 7 };
    const inOrder = fakeParts();
    deliver(inOrder.parts, { type: 'message_updated', payload: { message } }, 9);
    expect(inOrder.calls).toEqual([
      ['catchUp.accept', 12, [message], 'update', { track: true, revs: true }],
      ['emit', 'event', { type: 'message_updated', payload: { message } }]
    ]);

    const withGap = fakeParts({ gap: true });
    deliver(withGap.parts, { type: 'message_updated', payload: { message } }, 9);
    expect(withGap.parts.catchUp.fillGap).toHaveBeenCalledWith(9);

    const empty = fakeParts();
    deliver(empty.parts, { type: 'message_updated', payload: {} });
    expect(empty.parts.catchUp.accept).not.toHaveBeenCalled();
  });

  it('new_message without a message is dropped', () => {
    const { parts } = fakeParts();
    deliver(parts, { type: 'new_message', payload: {} });
    expect(parts.catchUp.accept).not.toHaveBeenCalled();
  });

  it('conversation_created: the conversation is known (its cursor starts) and announced without presence', () => {
    const { parts, calls } = fakeParts();
    const conversation = { id: 13, lastSeq: 0, participants: [] };
    deliver(parts, { type: 'conversation_created', payload: { conversation } });
    expect(calls.slice(0, 2)).toEqual([
      ['catchUp.known', conversation],
      ['emit', 'conversation', { conversation, announced: true }]
    ]);
  });

  it('member_joined: naming the user, the conversation is theirs again; always passed on', () => {
    const me = fakeParts({ userId: 'alice' });
    const event = { conversationId: 12, groupId: 3, user: { userId: 'alice', displayName: 'Alice' } };
    deliver(me.parts, { type: 'member_joined', payload: event });
    expect(me.calls.slice(0, 2)).toEqual([
      ['membership.present', 12],
      ['emit', 'member_joined', event]
    ]);

    const other = fakeParts({ userId: 'alice' });
    deliver(other.parts, { type: 'member_joined', payload: { ...event, user: { userId: 'bob', displayName: 'Bob' } } });
    expect(other.parts.membership.present).not.toHaveBeenCalled();
  });

  it('member_left: goes to the membership, which knows whether the user left', () => {
    const { parts } = fakeParts();
    const event = { conversationId: 14, groupId: null, reason: 'left', userId: 'bob' };
    deliver(parts, { type: 'member_left', payload: event });
    expect(parts.membership.memberLeft).toHaveBeenCalledWith(event);
  });

  it('member_left removed: goes to the membership too, reason and all', () => {
    const { parts } = fakeParts();
    const event = { conversationId: 30, groupId: 3, reason: 'removed', userId: 'alice' };
    deliver(parts, { type: 'member_left', payload: event });
    expect(parts.membership.memberLeft).toHaveBeenCalledWith(event);
  });

  it.each(['typing', 'presence', 'read_receipt', 'member_updated', 'group_updated'])('%s: passed on to listeners under its name', (type) => {
    const { parts, calls } = fakeParts();
    deliver(parts, { type, payload: { userId: 'bob' } });
    expect(calls).toEqual([
      ['emit', type, { userId: 'bob' }],
      ['emit', 'event', { type, payload: { userId: 'bob' } }]
    ]);
  });
});

describe('events on a live client', () => {
  beforeEach(() => {
    FakeWebSocket.reset();
    useFakeClock();
  });
  afterEach(() => vi.useRealTimers());

  it('an unknown event changes nothing: no error, still live, requests still answered', async () => {
    const { client, ws, errors } = await liveClient();
    /** @type {string[]} */
    const seen = [];
    client.on('event', ({ type }) => seen.push(type));
    ws.receive({ type: 'message_pinned', payload: { conversationId: 12, seq: 1 } });
    ws.receive({ type: '__proto__', payload: null });
    await flush();
    expect(seen).toEqual(['message_pinned', '__proto__']);
    expect(errors).toEqual([]);
    expect(client.state.status).toBe('live');
    await expect(client.ping()).resolves.toHaveProperty('serverTime');
  });

  it('a typing event reaches typing listeners', async () => {
    const { client, ws } = await liveClient();
    const typing = vi.fn();
    client.on('typing', typing);
    ws.receive({ type: 'typing', payload: { conversationId: 12, userId: 'bob', typing: true } });
    expect(typing).toHaveBeenCalledWith({ conversationId: 12, userId: 'bob', typing: true });
  });
});
