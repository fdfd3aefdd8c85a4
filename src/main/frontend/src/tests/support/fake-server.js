import { FakeWebSocket } from './fake-websocket.js';

/**
 * An in-memory chat server that answers a {@link FakeWebSocket} the way docs/protocol.md says: seqs per
 * conversation, idempotent sends by clientMessageId, sync from cursors, read positions. Enough to test the
 * client's reconnect, catch-up and outbox behaviour end to end without a network.
 */
export class FakeChatServer {
  /** @type {Map<number, { conversation: any, messages: any[], reads: Map<string, number> }>} */
  conversations = new Map();
  nextMessageId = 100;
  /** @type {Record<string, (payload: any, ws: FakeWebSocket) => any>} override answers per type */
  overrides = {};
  /** @type {string[]} every request type received, in order */
  log = [];
  /**
   * Pages bounded "in bytes" (protocol.md, load_messages and sync): at most this many messages per `load_messages`
   * page and per `sync` answer (over all its conversations), whatever `limit` says; more comes with hasMore.
   */
  pageCap = Infinity;
  /** @type {Map<string, { userId: string, displayName: string | null, blockedAt: string }>} users the user blocked */
  blocked = new Map();

  /** @param {string} userId the signed-in user of every connection */
  constructor(userId = 'alice') {
    this.userId = userId;
  }

  /**
   * Adds a conversation the user takes part in.
   * @param {number} id @param {string[]} [participants]
   */
  addConversation(id, participants = [this.userId, 'bob']) {
    const conversation = {
      id,
      type: participants.length === 2 ? 'direct' : 'group',
      title: null,
      groupId: null,
      createdAt: '2025-01-01T00:00:00Z',
      participants: participants.map((userId) => ({ userId, displayName: userId, online: true, lastSeenAt: null }))
    };
    this.conversations.set(id, { conversation, messages: [], reads: new Map(participants.map((p) => [p, 0])) });
    return conversation;
  }

  /**
   * Stores a message as if `senderId` sent it; returns it. Does not announce it.
   * @param {number} conversationId @param {string} senderId @param {string} content @param {string | null} [clientMessageId]
   */
  store(conversationId, senderId, content, clientMessageId = null) {
    const c = this.conversations.get(conversationId);
    if (!c) throw new Error(`no conversation ${conversationId}`);
    if (clientMessageId) {
      const existing = c.messages.find((m) => m.senderId === senderId && m.clientMessageId === clientMessageId);
      if (existing) return { message: existing, created: false };
    }
    const message = {
      id: this.nextMessageId++,
      conversationId,
      seq: c.messages.length + 1,
      senderId,
      content,
      clientMessageId,
      createdAt: new Date().toISOString()
    };
    c.messages.push(message);
    c.reads.set(senderId, message.seq); // sending reads
    return { message, created: true };
  }

  /** @param {number} conversationId @param {string} content @returns {any} the stored message */
  messageFrom(conversationId, senderId, content) {
    return this.store(conversationId, senderId, content).message;
  }

  /** @param {number} id */
  view(id) {
    const c = this.conversations.get(id);
    const lastReadSeq = c.reads.get(this.userId) ?? 0;
    const lastSeq = c.messages.length;
    return {
      ...c.conversation,
      lastMessage: c.messages[lastSeq - 1] ?? null,
      lastSeq,
      lastReadSeq,
      unreadCount: c.messages.filter((m) => m.seq > lastReadSeq && m.senderId !== this.userId).length
    };
  }

  /**
   * Plays the server for a socket: completes the handshake (signing in), then answers requests.
   * @param {FakeWebSocket} ws
   * @param {{ open?: boolean }} [options]
   */
  attach(ws, { open = true } = {}) {
    ws.server = (frame) => this.#answer(ws, frame);
    if (open) {
      ws.open();
      if (ws.protocols.some((p) => p.startsWith('bearer.'))) this.#signIn(ws);
      else ws.receive({ type: 'connection_status', payload: { status: 'unauthenticated' } });
    }
    return ws;
  }

  /** @param {FakeWebSocket} ws */
  #signIn(ws) {
    ws.receive({ type: 'connection_status', payload: { status: 'authenticated', userId: this.userId, connectionId: 'c1' } });
  }

  /** @param {FakeWebSocket} ws @param {any} frame */
  #answer(ws, frame) {
    this.log.push(frame.type);
    const { type, payload, requestId } = frame;
    try {
      const handler = this.overrides[type] ?? this.#handlers[type];
      if (!handler) throw Object.assign(new Error(`unknown type: ${type}`), { code: 'UNKNOWN_TYPE' });
      const result = handler(payload, ws, frame);
      if (result === undefined) return; // no answer (simulates a lost ack)
      if (type === 'auth' && !ws.signedIn) {
        ws.signedIn = true;
        this.#signIn(ws);
      }
      ws.receive({ type: 'ack', payload: result, requestId });
    } catch (error) {
      ws.receive({
        type: 'error',
        payload: { code: error.code ?? 'INTERNAL', message: error.message, retryable: error.retryable ?? false },
        requestId
      });
    }
  }

  /** @type {Record<string, (payload: any, ws: FakeWebSocket) => any>} */
  #handlers = {
    auth: (p) => ({ userId: this.userId, expiresAt: new Date(Date.now() + 3600_000).toISOString(), token: p.token }),
    ping: () => ({ serverTime: new Date().toISOString() }),
    load_conversations: () => ({ conversations: [...this.conversations.keys()].map((id) => this.view(id)) }),
    join_conversation: (p) => ({ conversation: this.view(this.#member(p.conversationId)), online: [this.userId], typing: [] }),
    leave_conversation: () => ({}),
    typing_start: () => ({}),
    typing_stop: () => ({}),
    send_message: (p) => {
      const { message } = this.store(this.#member(p.conversationId), this.userId, p.content, p.clientMessageId);
      return { message };
    },
    load_messages: (p) => {
      const all = this.conversations.get(this.#member(p.conversationId)).messages;
      const limit = Math.min(p.limit ?? 50, this.pageCap);
      if (p.afterSeq !== undefined) {
        const page = all.filter((m) => m.seq > p.afterSeq).slice(0, limit);
        return { messages: page, hasMore: all.some((m) => m.seq > (page.at(-1)?.seq ?? Infinity)) };
      }
      const before = p.beforeSeq ?? Infinity;
      const older = all.filter((m) => m.seq < before);
      const page = older.slice(-limit);
      return { messages: page, hasMore: older.length > page.length };
    },
    exit_conversation: (p) => this.#exit(p),
    block_user: (p) => {
      if (p.userId === this.userId) throw Object.assign(new Error('you cannot block yourself'), { code: 'BAD_REQUEST' });
      if (!this.blocked.has(p.userId)) this.blocked.set(p.userId, { userId: p.userId, displayName: p.userId.toUpperCase(), blockedAt: new Date().toISOString() });
      return {};
    },
    unblock_user: (p) => {
      this.blocked.delete(p.userId);
      return {};
    },
    load_blocked_users: () => ({ users: [...this.blocked.values()] }),
    mark_read: (p) => {
      const c = this.conversations.get(this.#member(p.conversationId));
      const seq = Math.min(p.seq, c.messages.length);
      c.reads.set(this.userId, Math.max(c.reads.get(this.userId) ?? 0, seq));
      const view = this.view(p.conversationId);
      return { conversationId: p.conversationId, lastReadSeq: view.lastReadSeq, unreadCount: view.unreadCount };
    },
    sync: (p) => {
      const limit = p.limit ?? 100;
      const cursors = new Map((p.conversations ?? []).map((c) => [c.conversationId, c.afterSeq ?? 0]));
      let budget = this.pageCap; // shared by the conversations of one answer
      const conversations = [...this.conversations.keys()].sort((a, b) => a - b).map((id) => {
        const c = this.conversations.get(id);
        const after = cursors.get(id) ?? 0;
        const rest = c.messages.filter((m) => m.seq > after);
        const page = rest.slice(0, Math.min(limit, budget));
        budget -= page.length;
        return {
          conversationId: id,
          messages: page,
          hasMore: rest.length > page.length,
          lastSeq: c.messages.length,
          lastReadSeq: c.reads.get(this.userId) ?? 0,
          readPositions: [...c.reads].map(([userId, lastReadSeq]) => ({ userId, lastReadSeq }))
        };
      });
      return { conversations };
    }
  };

  /**
   * The user leaves a conversation (exit_conversation); direct ones cannot be left.
   * @param {{ conversationId: number }} p
   */
  #exit(p) {
    const c = this.conversations.get(this.#member(p.conversationId));
    if (c.conversation.type === 'direct') {
      throw Object.assign(new Error('a direct conversation cannot be left: block the user instead'), { code: 'BAD_REQUEST' });
    }
    this.conversations.delete(p.conversationId);
    return {};
  }

  /** @param {unknown} id */
  #member(id) {
    if (!this.conversations.has(/** @type {number} */ (id))) {
      throw Object.assign(new Error(`not a participant of conversation ${id}`), { code: 'FORBIDDEN' });
    }
    return /** @type {number} */ (id);
  }
}

/**
 * A JWT-shaped token (unsigned; the client only reads it).
 * @param {{ sub?: string, exp?: number, iat?: number, n?: number }} claims
 */
export function fakeToken({ sub = 'alice', exp, iat, n = 0 } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const payload = { sub, iat: iat ?? now, exp: exp ?? now + 3600, n };
  const b64 = (/** @type {unknown} */ o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(payload)}.c2ln`;
}

/** Lets queued promise callbacks and I/O callbacks (fake-indexeddb) run. */
export async function flush(rounds = 8) {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}
