import { Cursors } from './cursors.js';
import { ChatError, asError } from './errors.js';

/** @typedef {import('./types.js').Message} Message */
/** @typedef {import('./types.js').Conversation} Conversation */
/** @typedef {import('./types.js').SyncEntry} SyncEntry */

/**
 * What the client keeps so that a reconnect misses nothing (protocol.md §10): per conversation a cursor (the highest
 * `seq` up to which it has every message) and the rooms to join again. After every sign-in it re-joins the rooms,
 * reloads the list and runs `sync` from the cursors, then goes live; a `seq` gap in live messages runs `sync` too.
 */
export class CatchUp {
  #cursors = new Cursors();
  /** @type {Set<number>} rooms to re-join after a reconnect */
  #rooms = new Set();
  /** @type {Promise<void> | null} */
  #syncRun = null;
  #syncAgain = false;
  #connection;
  #request;
  #emit;
  #membership;
  #outbox;
  #loadConversations;
  #restore;
  #syncLimit;
  #maxCatchUp;

  /**
   * @param {{
   *   connection: import('./connection.js').Connection,
   *   request: (type: string, payload?: Record<string, unknown>) => Promise<any>,
   *   emit: (type: any, payload: any) => void,
   *   membership: import('./membership.js').Membership,
   *   outbox: import('./outbox.js').Outbox,
   *   loadConversations: () => Promise<Conversation[]>,
   *   restore?: () => Promise<void>,
   *   syncLimit: number,
   *   maxCatchUp: number
   * }} collaborators restore: reads what the message cache kept (its cursors seed these) before the first `sync`;
   *   syncLimit: messages per conversation per `sync` round; maxCatchUp: a conversation further behind is reset to
   *   its newest page (`reset`) instead of replayed
   */
  constructor({ connection, request, emit, membership, outbox, loadConversations, restore = async () => {}, syncLimit, maxCatchUp }) {
    this.#connection = connection;
    this.#request = request;
    this.#emit = emit;
    this.#membership = membership;
    this.#outbox = outbox;
    this.#loadConversations = loadConversations;
    this.#restore = restore;
    this.#syncLimit = syncLimit;
    this.#maxCatchUp = maxCatchUp;
  }

  /**
   * After every (re)connect (protocol.md §10): re-join the rooms, refresh the conversation list, catch up with
   * `sync` from the cursors, then go live and send the outbox.
   * @param {number} session
   */
  async resume(session) {
    this.#connection.catchingUp();
    try {
      // The cache's cursors first: the room and list answers must not start a cached conversation from its lastSeq.
      await this.#restore();
      if (!this.#connection.isCurrent(session)) return;
      // Pipelined: the joins go out first, and the server answers in order.
      const joined = Promise.all([...this.#rooms].map((id) => this.#rejoin(id)));
      joined.catch(() => {}); // awaited below; this only keeps an early failure from being reported unhandled
      await this.#loadConversations();
      await joined;
      await this.#sync(session);
      if (!this.#connection.isCurrent(session)) return;
      this.#connection.live();
      this.#outbox.resume();
    } catch (error) {
      if (!this.#connection.isCurrent(session)) return; // the connection closed; the close schedules the retry
      this.#failed(error);
    }
  }

  /** The user shows a conversation: its room is joined, now and after every reconnect. @param {number} conversationId */
  join(conversationId) {
    this.#rooms.add(conversationId);
  }

  /** The user no longer shows a conversation. @param {number} conversationId */
  leave(conversationId) {
    this.#rooms.delete(conversationId);
  }

  /** @param {number} conversationId */
  async #rejoin(conversationId) {
    try {
      this.joined(await this.#request('join_conversation', { conversationId }));
    } catch (error) {
      if (!(error instanceof ChatError) || error.code !== 'FORBIDDEN') throw error;
      this.#membership.refused(conversationId); // no longer a participant: left on another device meanwhile
    }
  }

  /** A room was joined. @param {{ conversation: Conversation, online: string[], typing: string[] }} ack */
  joined(ack) {
    this.known(ack.conversation);
    this.#emit('joined', ack);
  }

  /**
   * A conversation object showed the user in it: its cursors start at its newest message and its latest change.
   * @param {Conversation} conversation
   */
  known(conversation) {
    this.#membership.present(conversation.id, conversation.groupId ?? null);
    this.#cursors.init(conversation.id, conversation.lastSeq, conversation.lastRev);
  }

  /**
   * Sets a conversation's cursors from the message cache: the first `sync` asks for what was missed since it was
   * written (new messages and changes).
   * @param {number} conversationId @param {number} seq @param {number} rev
   */
  seed(conversationId, seq, rev) {
    this.#cursors.set(conversationId, seq, rev);
  }

  /** @param {number} conversationId @returns {{ seq: number, rev: number | undefined } | undefined} its cursors now */
  cursor(conversationId) {
    if (!this.#cursors.has(conversationId)) return undefined;
    return { seq: /** @type {number} */ (this.#cursors.get(conversationId)), rev: this.#cursors.getRev(conversationId) };
  }

  /** The user is out of a conversation: no `sync` asks for it, no reconnect re-joins it. @param {number} conversationId */
  forget(conversationId) {
    this.#cursors.delete(conversationId);
    this.#rooms.delete(conversationId);
  }

  /**
   * Records messages (cursors, outbox) and hands them to listeners.
   * @param {number} conversationId
   * @param {Message[]} messages
   * @param {'live' | 'ack' | 'sync' | 'history' | 'update'} source
   * @param {{ track: boolean, revs?: boolean }} options track: whether the messages reach the newest end (they
   *   move the seq cursor); revs: whether they are changes as they happen (live events and acks, which come in
   *   `rev` order and move the change cursor) rather than a page or a `sync` answer (which moves it by its rule)
   * @returns {boolean} whether a gap showed up
   */
  accept(conversationId, messages, source, { track, revs = false }) {
    if (!messages?.length || this.#membership.isGone(conversationId)) return false;
    let gap = false;
    for (const message of messages) {
      if (track) gap = this.#cursors.note(conversationId, message.seq) || gap;
      if (revs) gap = this.#cursors.noteRev(conversationId, message.rev) || gap;
      this.#outbox.confirm(message);
    }
    this.#emit('messages', { conversationId, messages, source });
    return gap;
  }

  /**
   * A seq gap: messages are missing between the cursor and a message that arrived. Runs `sync` (or one more
   * round of the running one); a failure closes the connection, whose reconnect catches up anyway.
   * @param {number} session
   */
  fillGap(session) {
    if (!this.#connection.authenticated || !this.#connection.isCurrent(session)) return;
    this.#sync(session).catch((error) => {
      if (this.#connection.isCurrent(session)) this.#failed(error);
    });
  }

  /** Catching up failed on a connection still open: it is closed, and the reconnect catches up. @param {unknown} error */
  #failed(error) {
    this.#emit('error', asError(error));
    this.#connection.drop(1000, 'catch-up failed');
  }

  /**
   * Runs `sync` until no conversation has more, coalescing calls made meanwhile into one more round.
   * @param {number} session
   */
  #sync(session) {
    if (this.#syncRun) {
      this.#syncAgain = true;
      return this.#syncRun;
    }
    this.#syncRun = (async () => {
      do {
        this.#syncAgain = false;
        await this.#syncRound(session);
      } while (this.#syncAgain && this.#connection.isCurrent(session));
    })().finally(() => {
      this.#syncRun = null;
    });
    return this.#syncRun;
  }

  /** @param {number} session */
  async #syncRound(session) {
    let more = true;
    while (more && this.#connection.isCurrent(session)) {
      const { conversations } = await this.#request('sync', { conversations: this.#cursors.toSync(), limit: this.#syncLimit });
      if (!this.#connection.isCurrent(session)) return;
      more = false;
      let advanced = false;
      for (const entry of /** @type {SyncEntry[]} */ (conversations)) {
        // Left while the answer was on its way: nothing of it is kept.
        if (this.#membership.isGone(entry.conversationId)) continue;
        // Pages stop short of `limit` when they would be too large (protocol.md, sync): only `hasMore` and the
        // cursor, which the messages move, say where the next round starts.
        advanced = advanced || entry.messages.length > 0 || (entry.changed?.length ?? 0) > 0;
        this.accept(entry.conversationId, entry.messages, 'sync', { track: true });
        if (this.#changes(entry)) more = true;
        this.#emit('sync', entry);
        if (entry.hasMore && this.#keepReplaying(entry)) more = true;
      }
      // Every round brings at least one message while any is due; one that brought none cannot move a cursor, so
      // asking again would only repeat it. The next gap or reconnect catches up instead.
      if (!advanced) more = false;
    }
  }

  /**
   * The changes of a `sync` entry (messages the client has, edited, deleted or reacted to since `afterRev`): handed
   * to listeners, who keep the copy with the higher `rev`; then the change cursor moves — to the last change
   * received while more follow, else to the conversation's `lastRev` (protocol.md, sync).
   * @param {SyncEntry} entry
   * @returns {boolean} whether more changes follow
   */
  #changes(entry) {
    const changed = entry.changed ?? [];
    this.accept(entry.conversationId, changed, 'sync', { track: false });
    if (entry.hasMoreChanges) {
      // None at all: the answer's byte budget was spent before this conversation; ask again from the same revision.
      if (changed.length > 0) this.#cursors.setRev(entry.conversationId, Math.max(...changed.map((m) => m.rev ?? 0)));
      return true;
    }
    if (Number.isSafeInteger(entry.lastRev)) this.#cursors.setRev(entry.conversationId, /** @type {number} */ (entry.lastRev));
    return false;
  }

  /**
   * A conversation with more to sync: whether to go on replaying it. One too far behind starts over at its newest
   * page instead (`reset`).
   * @param {SyncEntry} entry
   */
  #keepReplaying(entry) {
    const behind = entry.lastSeq - (this.#cursors.get(entry.conversationId) ?? 0);
    if (behind <= this.#maxCatchUp) return true;
    this.#cursors.set(entry.conversationId, entry.lastSeq, entry.lastRev);
    this.#emit('reset', { conversationId: entry.conversationId, lastSeq: entry.lastSeq });
    return false;
  }
}
