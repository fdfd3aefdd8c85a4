/**
 * Per conversation, the two `sync` cursors (protocol.md, sync): `seq`, the highest seq up to which the client has
 * every message, plus the seqs it already has above a hole; and `rev`, the conversation's revision up to which the
 * client has every change (new messages, edits, deletions, reactions), plus the revs it already has above a hole.
 * A message beyond `seq + 1`, or a change beyond `rev + 1`, that is not among those reveals a gap.
 *
 * `rev` is undefined until a conversation object or a `sync` answer said the conversation's `lastRev` (a server
 * without revisions never does): then `sync` asks for no changes, as before.
 */
export class Cursors {
  /** @type {Map<number, { seq: number, above: Set<number>, rev: number | undefined, revsAbove: Set<number> }>} */
  #map = new Map();

  /** @param {number} conversationId */
  has(conversationId) {
    return this.#map.has(conversationId);
  }

  /** @param {number} conversationId @returns {number | undefined} */
  get(conversationId) {
    return this.#map.get(conversationId)?.seq;
  }

  /** @param {number} conversationId @returns {number | undefined} the change cursor (`afterRev`) */
  getRev(conversationId) {
    return this.#map.get(conversationId)?.rev;
  }

  /**
   * Sets the cursors, e.g. from a conversation's `lastSeq` and `lastRev` the first time the conversation is seen.
   * @param {number} conversationId @param {number} seq @param {number} [rev]
   */
  set(conversationId, seq, rev) {
    const old = this.#map.get(conversationId);
    this.#map.set(conversationId, { seq, above: new Set(), rev: rev ?? old?.rev, revsAbove: old?.revsAbove ?? new Set() });
    if (rev !== undefined) this.setRev(conversationId, rev);
  }

  /** Sets the cursors only for a conversation without one. @param {number} conversationId @param {number} seq @param {number} [rev] */
  init(conversationId, seq, rev) {
    if (!this.#map.has(conversationId)) this.set(conversationId, seq, rev);
    else if (this.getRev(conversationId) === undefined && rev !== undefined) this.setRev(conversationId, rev);
  }

  /**
   * Moves the change cursor to `rev` (a `sync` answer said so): the client has every change up to it.
   * @param {number} conversationId @param {number} rev
   */
  setRev(conversationId, rev) {
    const entry = this.#map.get(conversationId);
    if (!entry) return;
    entry.rev = rev;
    for (const r of entry.revsAbove) if (r <= rev) entry.revsAbove.delete(r);
    while (entry.revsAbove.delete(entry.rev + 1)) entry.rev += 1;
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

  /**
   * Records that the client has the change `rev` (a live `new_message` or `message_updated`, or an ack): changes
   * reach a connection in `rev` order, so one beyond `rev + 1` reveals that a change was missed.
   * @param {number} conversationId
   * @param {number | undefined} rev
   * @returns {boolean} true when changes between the cursor and `rev` are missing (a gap)
   */
  noteRev(conversationId, rev) {
    const entry = this.#map.get(conversationId);
    if (!entry || entry.rev === undefined || !Number.isSafeInteger(rev)) return false;
    const r = /** @type {number} */ (rev);
    if (r <= entry.rev) return false;
    if (r > entry.rev + 1) {
      entry.revsAbove.add(r);
      return true;
    }
    this.setRev(conversationId, r);
    return false;
  }

  /**
   * @returns {{ conversationId: number, afterSeq: number, afterRev?: number }[]} every cursor, as `sync` takes them
   *   (`afterRev` only where the conversation's revision is known)
   */
  toSync() {
    return [...this.#map].map(([conversationId, { seq, rev }]) =>
      rev === undefined ? { conversationId, afterSeq: seq } : { conversationId, afterSeq: seq, afterRev: rev }
    );
  }

  /** Forgets a conversation's cursors (the user left it: `sync` must no longer ask for it). @param {number} conversationId */
  delete(conversationId) {
    this.#map.delete(conversationId);
  }

  clear() {
    this.#map.clear();
  }
}
