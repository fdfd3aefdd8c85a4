/** @typedef {import('./types.js').Message} Message */

/**
 * The messages the message cache holds, per conversation: the newest copy of each, merged by `seq` as the stores
 * merge them (the higher `rev` wins, so a deletion replaces the text it erased). Bounded: at most `keep` messages of
 * a conversation, the newest (a copy that can still be written is never dropped, so a page read before an edit and
 * arriving after it finds the edited copy here and loses against it).
 */
export class CachedMessages {
  /** @type {Map<number, Map<number, Message>>} conversation → seq → the newest copy */
  #items = new Map();
  #keep;

  /** @param {number} keep messages held per conversation */
  constructor(keep) {
    this.#keep = keep;
  }

  /** @returns {number[]} the conversations with messages held */
  conversations() {
    return [...this.#items.keys()];
  }

  /** @param {number} conversationId */
  has(conversationId) {
    return this.#items.has(conversationId);
  }

  /** @param {number} conversationId */
  delete(conversationId) {
    this.#items.delete(conversationId);
  }

  clear() {
    this.#items.clear();
  }

  /**
   * Merges copies by seq, the higher `rev` winning. A reply quotes its original as it is now, without a `rev` of its
   * own: the replies held follow an edited or deleted copy of it.
   * @param {number} conversationId @param {Message[]} messages
   */
  merge(conversationId, messages) {
    let items = this.#items.get(conversationId);
    if (!items) this.#items.set(conversationId, (items = new Map()));
    for (const m of messages) {
      if (!Number.isSafeInteger(m?.seq)) continue;
      const held = items.get(m.seq);
      if (held && (m.rev ?? 0) <= (held.rev ?? 0)) continue;
      items.set(m.seq, m);
      if ((m.deletedAt || m.editedAt) && held?.content !== m.content) requote(items, m);
    }
    // Trimmed in batches, not on every message.
    if (items.size > this.#keep * 1.25) {
      const seqs = [...items.keys()].sort((a, b) => a - b);
      for (const seq of seqs.slice(0, seqs.length - this.#keep)) items.delete(seq);
    }
  }

  /**
   * The newest messages (at most `max`) of the unbroken run that ends at `seq`, ascending: what a record may hold
   * under a cursor at `seq`. Empty when the message at `seq` is not held.
   * @param {number} conversationId @param {number} seq @param {number} max
   * @returns {Message[]}
   */
  runTo(conversationId, seq, max) {
    const items = this.#items.get(conversationId);
    const run = [];
    for (let s = seq; items && run.length < max; s -= 1) {
      const message = items.get(s);
      if (!message) break;
      run.push(message);
    }
    return run.reverse();
  }
}

/**
 * Replies held that quote `original` get its excerpt as it is now (`""` once deleted): new copies, never changing
 * the objects the client's listeners hold.
 * @param {Map<number, Message>} items @param {Message} original
 */
function requote(items, original) {
  const excerpt = original.deletedAt ? '' : [...original.content].slice(0, 100).join('');
  for (const [seq, m] of items) {
    if (m.replyTo?.seq === original.seq && m.replyTo.excerpt !== excerpt) items.set(seq, { ...m, replyTo: { ...m.replyTo, excerpt } });
  }
}
