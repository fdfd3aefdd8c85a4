import { ChatError, OutboxFullError } from './errors.js';
import { Backoff } from './backoff.js';
import { changeEntry, isSend, messageEntry } from './outbox-entries.js';

/** @typedef {import('./types.js').OutboxEntry} OutboxEntry */
/** @typedef {import('./types.js').Message} Message */
/** @typedef {import('./outbox-storage.js').OutboxStorage} OutboxStorage */

/** @typedef {import('./types.js').ChangeRequest} ChangeRequest */

/** Errors after which the message may have been stored or not: resend with the same clientMessageId. */
const CONNECTION_ERRORS = new Set(['CONNECTION_LOST', 'NOT_CONNECTED']);

/**
 * Messages the user sent — and changes to stored messages (edits, deletions, reactions) — that the server has not
 * acknowledged yet. Each gets its `clientMessageId` when the user
 * hits send; it is kept in storage until the `ack` comes, and sent again — with the same id — after a reconnect
 * or a reload. The server stores a message once per clientMessageId, so resending is always safe.
 *
 * Messages go out one at a time, in the order they were written, so a conversation's messages keep their order
 * across retries. Retryable failures (UNAVAILABLE, RATE_LIMITED, timeouts) are retried with backoff, the entry
 * showing the refusal meanwhile (a message the user wrote is not held back silently); other errors mark the entry
 * `failed` until {@link Outbox#retry} or {@link Outbox#discard}.
 */
export class Outbox {
  /** @type {Map<string, OutboxEntry>} in send order */
  #entries = new Map();
  #storage;
  #send;
  #onChange;
  #onError;
  #backoff;
  #maxEntries;
  #maxChars;
  /** @type {string | null} */
  #scope = null;
  /** @type {Promise<void>} */
  #opened = Promise.resolve();
  #live = false;
  #running = false;
  #order = 0;
  /** @type {(() => void) | null} wakes a retry wait early */
  #wake = null;

  /**
   * @param {{
   *   storage: OutboxStorage,
   *   send: (entry: OutboxEntry) => Promise<Message>,
   *   onChange?: (entries: OutboxEntry[]) => void,
   *   onError?: (error: Error) => void,
   *   maxEntries?: number, maxChars?: number,
   *   retry?: { baseMs?: number, maxMs?: number, random?: () => number }
   * }} options
   *   send: sends one entry and resolves with the stored message; maxEntries: bound on unsent messages
   *   (default 500); maxChars: longest content in code points (default 4000, the server's default)
   */
  constructor({ storage, send, onChange = () => {}, onError = () => {}, maxEntries = 500, maxChars = 4000, retry }) {
    this.#storage = storage;
    this.#send = send;
    this.#onChange = onChange;
    this.#onError = onError;
    this.#maxEntries = maxEntries;
    this.#maxChars = maxChars;
    this.#backoff = new Backoff({ baseMs: 1000, maxMs: 30000, ...retry });
  }

  /** Whether entries survive a reload. */
  get persistent() {
    return this.#storage.persistent;
  }

  /** The user whose entries are loaded, or null. */
  get scope() {
    return this.#scope;
  }

  /** @returns {OutboxEntry[]} a copy of the entries, in send order */
  entries() {
    return [...this.#entries.values()].map((e) => ({ ...e }));
  }

  /**
   * Loads the unsent messages of one user (entries of other users stay stored, untouched).
   * @param {string} scope the user id
   */
  open(scope) {
    if (scope === this.#scope) return this.#opened;
    this.#scope = scope;
    this.#entries.clear();
    this.#opened = this.#storage
      .load(scope)
      .catch((error) => {
        this.#onError(error);
        return [];
      })
      .then((entries) => {
        if (this.#scope !== scope) return;
        for (const entry of entries) {
          this.#entries.set(entry.clientMessageId, entry);
          this.#order = Math.max(this.#order, entry.order ?? 0);
        }
        this.#changed();
        this.#kick();
      });
    return this.#opened;
  }

  /**
   * Queues a message. Resolves once it is stored (so it survives a reload), before it is sent.
   * @param {number} conversationId
   * @param {string} content
   * @param {{ replyToSeq?: number | null }} [options] replyToSeq: the message it answers (same conversation)
   * @returns {Promise<OutboxEntry>}
   * @throws {ChatError} BAD_REQUEST or PAYLOAD_TOO_LARGE for content the server would refuse;
   *   {@link OutboxFullError} when `maxEntries` messages are waiting; NOT_SIGNED_IN before {@link Outbox#open}
   */
  async enqueue(conversationId, content, { replyToSeq = null } = {}) {
    return this.#add(messageEntry(conversationId, content, replyToSeq, this.#maxChars), 'send_message');
  }

  /**
   * Queues a change to a stored message — an edit, a deletion, a reaction added or removed — to go out in order
   * with the messages: made offline, it waits like a send. Repeating one is safe (the server answers a repeated
   * edit, deletion or reaction with no change), so it is resent after a reconnect like a send.
   * @param {number} conversationId
   * @param {ChangeRequest} change
   * @returns {Promise<OutboxEntry>} once stored
   * @throws {ChatError} BAD_REQUEST or PAYLOAD_TOO_LARGE for what the server would refuse; see {@link Outbox#enqueue}
   */
  async enqueueChange(conversationId, change) {
    return this.#add(changeEntry(conversationId, change, this.#maxChars), 'outbox');
  }

  /**
   * Stores a new entry and starts sending.
   * @param {Partial<OutboxEntry>} fields @param {string} type
   * @returns {Promise<OutboxEntry>}
   */
  async #add(fields, type) {
    await this.#opened;
    if (this.#scope === null) {
      throw new ChatError('NOT_SIGNED_IN', 'sign in before sending messages', { type });
    }
    if (this.#entries.size >= this.#maxEntries) throw new OutboxFullError(this.#maxEntries);
    this.#order += 1;
    /** @type {OutboxEntry} */
    const entry = {
      clientMessageId: crypto.randomUUID(),
      scope: this.#scope,
      conversationId: /** @type {number} */ (fields.conversationId),
      content: '',
      createdAt: Date.now(),
      order: this.#order,
      attempts: 0,
      status: 'pending',
      error: null,
      ...fields
    };
    this.#entries.set(entry.clientMessageId, entry);
    await this.#persist(entry);
    this.#changed();
    this.#kick();
    return { ...entry };
  }

  /**
   * Sends a failed entry again (same clientMessageId).
   * @param {string} clientMessageId
   */
  async retry(clientMessageId) {
    const entry = this.#entries.get(clientMessageId);
    if (!entry || entry.status !== 'failed') return;
    entry.status = 'pending';
    entry.error = null;
    await this.#persist(entry);
    this.#changed();
    this.#kick();
  }

  /**
   * Removes an entry. One being sent at this moment may still arrive.
   * @param {string} clientMessageId
   */
  async discard(clientMessageId) {
    if (!this.#entries.delete(clientMessageId)) return;
    this.#changed();
    await this.#unpersist(clientMessageId);
  }

  /**
   * Drops the entry a stored message proves delivered (seen in a sync, a page or another tab's send).
   * @param {Message} message
   */
  confirm(message) {
    const id = message.clientMessageId;
    const entry = id ? this.#entries.get(id) : undefined;
    if (!entry || !isSend(entry) || entry.conversationId !== message.conversationId || entry.scope !== message.senderId) return;
    this.#entries.delete(id);
    this.#changed();
    void this.#unpersist(id);
  }

  /**
   * Fails every waiting entry of a conversation at once (the user left it: the server could only refuse them).
   * An entry on its way now is answered like any other: stored if it got there first, else refused.
   * @param {number} conversationId
   * @param {ChatError} error
   */
  async failConversation(conversationId, error) {
    const entries = [...this.#entries.values()].filter((e) => e.conversationId === conversationId && e.status === 'pending');
    if (entries.length === 0) return;
    for (const entry of entries) {
      entry.status = 'failed';
      entry.error = { code: error.code, message: error.message };
    }
    this.#changed();
    for (const entry of entries) await this.#persist(entry);
  }

  /** The connection is live: start (or go on) sending. */
  resume() {
    this.#live = true;
    this.#backoff.reset();
    this.#wake?.();
    this.#kick();
  }

  /** The connection is gone: stop sending until {@link Outbox#resume}. */
  pause() {
    this.#live = false;
    this.#wake?.();
  }

  #kick() {
    if (!this.#live || this.#running) return;
    this.#running = true;
    this.#drain().finally(() => {
      this.#running = false;
    });
  }

  async #drain() {
    while (this.#live) {
      const entry = [...this.#entries.values()].find((e) => e.status === 'pending');
      if (!entry) return;
      entry.attempts += 1;
      try {
        await this.#send({ ...entry });
        this.#backoff.reset();
        if (this.#entries.delete(entry.clientMessageId)) {
          this.#changed();
          await this.#unpersist(entry.clientMessageId);
        }
      } catch (error) {
        await this.#failed(entry, error);
      }
    }
  }

  /**
   * @param {OutboxEntry} entry
   * @param {any} error
   */
  async #failed(entry, error) {
    if (!this.#entries.has(entry.clientMessageId)) return;
    const code = error instanceof ChatError ? error.code : 'INTERNAL';
    if (CONNECTION_ERRORS.has(code)) {
      // The loop ends with the connection and resume() starts it again; if the connection is somehow still
      // live, wait instead of spinning.
      if (this.#live) await this.#sleep(this.#backoff.next());
      return;
    }
    if (error instanceof ChatError && error.retryable) {
      // Still pending, but saying why: the server refused it for now (RATE_LIMITED, UNAVAILABLE) or did not answer.
      entry.error = { code, message: error.message };
      this.#changed();
      await this.#sleep(this.#backoff.next());
      return;
    }
    entry.status = 'failed';
    entry.error = { code, message: error?.message ?? String(error) };
    await this.#persist(entry);
    this.#changed();
  }

  /** @param {number} ms */
  #sleep(ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      this.#wake = done;
      function done() {
        clearTimeout(timer);
        resolve(undefined);
      }
    }).finally(() => {
      this.#wake = null;
    });
  }

  /** @param {OutboxEntry} entry */
  async #persist(entry) {
    try {
      await this.#storage.put({ ...entry });
    } catch (error) {
      this.#onError(error);
    }
  }

  /** @param {string} clientMessageId */
  async #unpersist(clientMessageId) {
    try {
      await this.#storage.delete(clientMessageId);
    } catch (error) {
      this.#onError(error);
    }
  }

  #changed() {
    this.#onChange(this.entries());
  }
}
