/**
 * Per conversation, the highest `seq` up to which the client has every message (its `sync` cursor), plus the
 * seqs it already has above a hole. A message beyond `cursor + 1` that is not among those reveals a gap.
 */
export class Cursors {
  /** @type {Map<number, { seq: number, above: Set<number> }>} */
  #map = new Map();

  /** @param {number} conversationId */
  has(conversationId) {
    return this.#map.has(conversationId);
  }

  /** @param {number} conversationId @returns {number | undefined} */
  get(conversationId) {
    return this.#map.get(conversationId)?.seq;
  }

  /**
   * Sets the cursor, e.g. from a conversation's `lastSeq` the first time the conversation is seen.
   * @param {number} conversationId @param {number} seq
   */
  set(conversationId, seq) {
    this.#map.set(conversationId, { seq, above: new Set() });
  }

  /** Sets the cursor only for a conversation without one. @param {number} conversationId @param {number} seq */
  init(conversationId, seq) {
    if (!this.#map.has(conversationId)) this.set(conversationId, seq);
  }

  /**
   * Records that the client has message `seq`.
   * @param {number} conversationId
   * @param {number} seq
   * @returns {boolean} true when messages between the cursor and `seq` are missing (a gap)
   */
  note(conversationId, seq) {
    const entry = this.#map.get(conversationId);
    if (!entry) {
      this.set(conversationId, seq);
      return false;
    }
    if (seq <= entry.seq) return false;
    if (seq > entry.seq + 1) {
      entry.above.add(seq);
      return true;
    }
    entry.seq = seq;
    while (entry.above.delete(entry.seq + 1)) entry.seq += 1;
    for (const s of entry.above) if (s <= entry.seq) entry.above.delete(s);
    return false;
  }

  /** @returns {{ conversationId: number, afterSeq: number }[]} every cursor, as `sync` takes them */
  toSync() {
    return [...this.#map].map(([conversationId, { seq }]) => ({ conversationId, afterSeq: seq }));
  }

  /** Forgets a conversation's cursor (the user left it: `sync` must no longer ask for it). @param {number} conversationId */
  delete(conversationId) {
    this.#map.delete(conversationId);
  }

  clear() {
    this.#map.clear();
  }
}
