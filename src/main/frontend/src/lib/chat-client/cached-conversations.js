/**
 * The conversation list as the message cache keeps it: what the sidebar shows before the connection is up. It is
 * the server's last list, moved forward by what arrived since (new messages, newer copies of the last one, the
 * user's reads, conversations created, joined or left) and replaced by the next list the connection loads.
 *
 * Kept lean and erasable: presence is not kept (it is only true while connected: everyone shows offline until the
 * server says otherwise), and the last message keeps no reply quote (its excerpt is another message's text, which
 * a deletion would have to reach here too; the preview does not show it).
 *
 * @typedef {import('./types.js').Conversation} Conversation
 * @typedef {import('./types.js').Message} Message
 */
export class CachedConversations {
  /** @type {Map<number, Conversation>} */
  #byId = new Map();
  #dirty = false;

  /** @returns {Conversation[]} */
  list() {
    return [...this.#byId.values()];
  }

  /** The list read back from storage (not a change to write). @param {Conversation[]} list */
  restore(list) {
    this.#byId = new Map(list.map((c) => [c.id, c]));
  }

  /** The server's whole list. @param {Conversation[]} list */
  replace(list) {
    this.#byId = new Map(list.map((c) => [c.id, lean(c)]));
    this.#dirty = true;
  }

  /** One conversation from an ack or an event (created, joined, a page of the list). @param {Conversation} conversation */
  upsert(conversation) {
    if (!Number.isSafeInteger(conversation?.id)) return;
    this.#byId.set(conversation.id, lean(conversation));
    this.#dirty = true;
  }

  /** The user left it. @param {number} conversationId */
  remove(conversationId) {
    if (this.#byId.delete(conversationId)) this.#dirty = true;
  }

  /**
   * Messages arrived: the last message and the counters follow, as the stores' reducer moves them (sending reads).
   * @param {number} conversationId @param {Message[]} messages @param {string | null} me
   */
  messages(conversationId, messages, me) {
    const held = this.#byId.get(conversationId);
    if (!held) return;
    let { lastSeq, lastMessage, unreadCount, lastReadSeq } = held;
    for (const m of [...messages].sort((a, b) => a.seq - b.seq)) {
      if (lastMessage && m.seq === lastMessage.seq && (m.rev ?? 0) > (lastMessage.rev ?? 0)) lastMessage = lean(m);
      if (m.seq <= lastSeq) continue;
      lastSeq = m.seq;
      lastMessage = lean(m);
      if (m.senderId === me) {
        lastReadSeq = Math.max(lastReadSeq, m.seq);
        unreadCount = 0;
      } else if (m.seq > lastReadSeq) {
        unreadCount += 1;
      }
    }
    if (lastMessage === held.lastMessage && lastSeq === held.lastSeq) return;
    this.#byId.set(conversationId, { ...held, lastSeq, lastMessage, unreadCount, lastReadSeq });
    this.#dirty = true;
  }

  /** The user's read position moved. @param {{ conversationId: number, lastReadSeq: number, unreadCount?: number }} read */
  read({ conversationId, lastReadSeq, unreadCount }) {
    const held = this.#byId.get(conversationId);
    if (!held || lastReadSeq <= held.lastReadSeq) return;
    const unread = unreadCount ?? Math.max(0, Math.min(held.unreadCount, held.lastSeq - lastReadSeq));
    this.#byId.set(conversationId, { ...held, lastReadSeq, unreadCount: unread });
    this.#dirty = true;
  }

  /** @returns {Conversation[] | undefined} the list when it changed since the last call, else undefined */
  takeChanged() {
    if (!this.#dirty) return undefined;
    this.#dirty = false;
    return this.list();
  }
}

/**
 * A conversation or message as kept: no presence, no reply quote.
 * @template {Conversation | Message} T
 * @param {T} value
 * @returns {T}
 */
function lean(value) {
  if ('participants' in value) {
    const participants = (value.participants ?? []).map((p) => ({ ...p, online: false }));
    const lastMessage = value.lastMessage ? lean(value.lastMessage) : null;
    return { ...value, participants, lastMessage };
  }
  return 'replyTo' in value && value.replyTo ? { ...value, replyTo: null } : value;
}
