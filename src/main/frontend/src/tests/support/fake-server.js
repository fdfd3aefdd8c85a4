import { FakeWebSocket } from './fake-websocket.js';

/**
 * An in-memory chat server that answers a {@link FakeWebSocket} the way docs/protocol.md says: seqs per
 * conversation, idempotent sends by clientMessageId, sync from cursors, read positions. Enough to test the
 * client's reconnect, catch-up and outbox behaviour end to end without a network.
 */
export class FakeChatServer {
  /** @type {Map<number, { conversation: any, messages: any[], reads: Map<string, number>, lastRev: number }>} */
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
    this.conversations.set(id, { conversation, messages: [], reads: new Map(participants.map((p) => [p, 0])), lastRev: 0 });
    return conversation;
  }

  /**
   * Stores a message as if `senderId` sent it; returns it. Does not announce it.
   * @param {number} conversationId @param {string} senderId @param {string} content @param {string | null} [clientMessageId]
   */
  store(conversationId, senderId, content, clientMessageId = null, replyToSeq = null) {
    const c = this.conversations.get(conversationId);
    if (!c) throw new Error(`no conversation ${conversationId}`);
    if (clientMessageId) {
      const existing = c.messages.find((m) => m.senderId === senderId && m.clientMessageId === clientMessageId);
      if (existing) return { message: existing, created: false };
    }
    let replyTo = null;
    if (replyToSeq) {
      const original = c.messages[replyToSeq - 1];
      if (!original) throw Object.assign(new Error(`no message ${replyToSeq} in conversation ${conversationId}`), { code: 'NOT_FOUND' });
      replyTo = { seq: original.seq, senderId: original.senderId, excerpt: [...original.content].slice(0, 100).join('') };
    }
    const message = {
      id: this.nextMessageId++,
      conversationId,
      seq: c.messages.length + 1,
      senderId,
      content,
      clientMessageId,
      createdAt: new Date().toISOString(),
      editedAt: null,
      deletedAt: null,
      replyTo,
      reactions: [],
      rev: ++c.lastRev
    };
    c.messages.push(message);
    c.reads.set(senderId, message.seq); // sending reads
    return { message, created: true };
  }

  /** @param {number} conversationId @param {string} content @returns {any} the stored message */
  messageFrom(conversationId, senderId, content) {
    return this.store(conversationId, senderId, content).message;
  }

  /**
   * Changes a stored message as `userId` would (protocol.md: edit_message, delete_message, add_reaction,
   * remove_reaction): a new copy with the conversation's next rev, or the same one when nothing changed. Does not
   * announce it.
   * @param {number} conversationId @param {number} seq @param {string} userId
   * @param {{ kind: string, content?: string, emoji?: string }} change
   * @returns {any} the message as it is now
   */
  change(conversationId, seq, userId, change) {
    const c = this.conversations.get(conversationId);
    const old = c?.messages[seq - 1];
    if (!old) throw Object.assign(new Error(`no message ${seq}`), { code: 'NOT_FOUND' });
    if ((change.kind === 'edit' || change.kind === 'delete') && old.senderId !== userId) {
      throw Object.assign(new Error('only the sender may change a message'), { code: 'FORBIDDEN' });
    }
    if (old.deletedAt && change.kind !== 'delete') throw Object.assign(new Error('the message was deleted'), { code: 'CONFLICT' });
    const next = changed(old, userId, change);
    if (!next) return old;
    const message = { ...next, rev: ++c.lastRev };
    c.messages[seq - 1] = message;
    return message;
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
      lastRev: c.lastRev,
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
      const { message } = this.store(this.#member(p.conversationId), this.userId, p.content, p.clientMessageId, p.replyToSeq);
      return { message };
    },
    edit_message: (p) => ({ message: this.change(this.#member(p.conversationId), p.seq, this.userId, { kind: 'edit', content: p.content }) }),
    delete_message: (p) => ({ message: this.change(this.#member(p.conversationId), p.seq, this.userId, { kind: 'delete' }) }),
    add_reaction: (p) => ({ message: this.change(this.#member(p.conversationId), p.seq, this.userId, { kind: 'add_reaction', emoji: p.emoji }) }),
    remove_reaction: (p) => ({ message: this.change(this.#member(p.conversationId), p.seq, this.userId, { kind: 'remove_reaction', emoji: p.emoji }) }),
    search_messages: (p) => {
      const words = String(p.query).toLowerCase().split(/\W+/).filter(Boolean);
      const found = [...this.conversations.values()]
        .filter((c) => p.conversationId === undefined || c.conversation.id === p.conversationId)
        .flatMap((c) => c.messages)
        .filter((m) => !m.deletedAt && words.length > 0 && words.every((w) => m.content.toLowerCase().includes(w)))
        .sort((a, b) => b.id - a.id)
        .filter((m) => p.before === undefined || m.id < Number(p.before));
      const limit = p.limit ?? 20;
      const results = found.slice(0, limit);
      const hasMore = found.length > limit;
      return { results, hasMore, nextCursor: hasMore ? String(results.at(-1).id) : null };
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
      const revs = new Map((p.conversations ?? []).filter((c) => c.afterRev !== undefined).map((c) => [c.conversationId, c.afterRev]));
      let budget = this.pageCap; // shared by the conversations of one answer
      const conversations = [...this.conversations.keys()].sort((a, b) => a - b).map((id) => {
        const c = this.conversations.get(id);
        const after = cursors.get(id) ?? 0;
        const rest = c.messages.filter((m) => m.seq > after);
        const page = rest.slice(0, Math.min(limit, budget));
        budget -= page.length;
        const afterRev = revs.get(id);
        const changes = afterRev === undefined ? [] : c.messages.filter((m) => m.seq <= after && m.rev > afterRev).sort((a, b) => a.rev - b.rev);
        return {
          conversationId: id,
          messages: page,
          hasMore: rest.length > page.length,
          changed: changes.slice(0, limit),
          hasMoreChanges: changes.length > limit,
          lastRev: c.lastRev,
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
 * A message after a change, or null when the change changes nothing (an edit to the same text, a reaction the user
 * already has, a repeated deletion).
 * @param {any} old @param {string} userId @param {{ kind: string, content?: string, emoji?: string }} change
 */
function changed(old, userId, { kind, content, emoji }) {
  const now = new Date().toISOString();
  if (kind === 'edit') return old.content === content ? null : { ...old, content, editedAt: now };
  if (kind === 'delete') return old.deletedAt ? null : { ...old, content: '', reactions: [], deletedAt: now };
  const reaction = old.reactions.find((r) => r.emoji === emoji);
  if (kind === 'add_reaction') {
    if (reaction?.userIds.includes(userId)) return null;
    const reactions = reaction
      ? old.reactions.map((r) => (r === reaction ? { emoji, userIds: [...r.userIds, userId] } : r))
      : [...old.reactions, { emoji, userIds: [userId] }];
    return { ...old, reactions };
  }
  if (!reaction?.userIds.includes(userId)) return null;
  const reactions = old.reactions
    .map((r) => (r === reaction ? { emoji, userIds: r.userIds.filter((u) => u !== userId) } : r))
    .filter((r) => r.userIds.length > 0);
  return { ...old, reactions };
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
