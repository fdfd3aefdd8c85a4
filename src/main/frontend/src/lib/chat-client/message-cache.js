import { CachedConversations } from './cached-conversations.js';
import { CachedMessages } from './cached-messages.js';
import { defaultCacheStorage } from './cache-storage.js';

/** @typedef {import('./types.js').Message} Message */
/** @typedef {import('./types.js').Conversation} Conversation */
/** @typedef {import('./cache-storage.js').CacheStorage} CacheStorage */
/** @typedef {import('./cache-storage.js').CacheRecord} CacheRecord */
/** @typedef {{ seq: number, rev: number | undefined }} Cursor */

const MAX_MESSAGES = 200;
const FLUSH_DELAY_MS = 1000;

/**
 * The conversations' recent messages and their `sync` cursors, kept across reloads: a reload (or opening the app
 * offline) shows them at once, and the first `sync` asks for exactly what was missed since — new messages and changes.
 *
 * **The rule.** A stored cursor never claims more than the stored messages hold. A record is one conversation's
 * cursors and, with them, the newest messages (at most `maxMessages`) of the unbroken run that ends at the cursor's
 * `seq`: every message up to it is either in the record or older than all of it (read with `load_messages`, always
 * current); every change up to its `rev` is in the copies it holds, because every message the client hands to
 * listeners is merged here, the higher `rev` winning, before a write copies cursors and messages together. Messages
 * above a hole are not stored (the next `sync` brings them again); a conversation whose cursor has no message here
 * (known only from the list, or reset) has no record.
 *
 * Writes are batched: changes mark conversations, and one transaction writes them `flushDelayMs` later, or at once
 * when the page is hidden or left (`pagehide`, `visibilitychange`) or the client disconnects.
 */
export class MessageCache {
  #storage;
  #max;
  #delayMs;
  /** what the cache needs of the client: `emit`, `cursor`, `seed`, `onError`, `window`, `document` */
  #client;
  /** @type {string | null} the user whose cache is open */
  #scope = null;
  /** @type {Promise<void>} */
  #opened = Promise.resolve();
  #items;
  #list = new CachedConversations();
  /** @type {Set<number>} conversations to write */
  #dirty = new Set();
  /** @type {ReturnType<typeof setTimeout> | null} */
  #timer = null;
  #restoring = false;
  #closed = false;
  #listening = false;
  #hidden = () => {
    if (this.#client.document?.visibilityState === 'hidden') void this.flush();
  };
  #leaving = () => void this.flush();

  /**
   * @param {{
   *   storage: CacheStorage, maxMessagesPerConversation?: number, flushDelayMs?: number,
   *   emit: (type: any, payload: any) => void,
   *   cursor: (conversationId: number) => Cursor | undefined,
   *   seed: (conversationId: number, seq: number, rev: number) => void,
   *   onError: (error: Error) => void,
   *   window?: any, document?: any
   * }} options cursor: the client's cursors of a conversation now; seed: sets them from the cache
   */
  constructor({ storage, maxMessagesPerConversation = MAX_MESSAGES, flushDelayMs = FLUSH_DELAY_MS, emit, cursor, seed, onError, window, document }) {
    this.#storage = storage;
    this.#max = maxMessagesPerConversation;
    // Twice what a record holds: messages above a hole take places too.
    this.#items = new CachedMessages(2 * maxMessagesPerConversation);
    this.#delayMs = flushDelayMs;
    this.#client = { emit, cursor, seed, onError, window, document };
  }

  /** Whether the cache survives a reload (IndexedDB). */
  get persistent() {
    return this.#storage.persistent;
  }

  /**
   * Opens one user's cache: seeds the cursors from it, then emits its conversation list (`conversations`) and its
   * messages (`messages`, source `cache`). Once per user; another user's records are never read.
   * @param {string | null} scope the user id
   * @returns {Promise<void>} once restored (the first `sync` waits for it)
   */
  open(scope) {
    if (this.#closed || !scope || scope === this.#scope) return this.#opened;
    if (this.#scope !== null) void this.flush(); // the previous user's last changes, to their own records
    this.#scope = scope;
    this.#items.clear();
    this.#list = new CachedConversations();
    this.#dirty.clear();
    this.#listen();
    this.#opened = this.#storage
      .load(scope)
      .catch((error) => {
        this.#client.onError(error);
        return { records: [], conversations: null };
      })
      .then((saved) => {
        if (this.#scope === scope && !this.#closed) this.#restore(saved);
      });
    return this.#opened;
  }

  /** @param {import('./cache-storage.js').CacheContents} saved */
  #restore({ records, conversations }) {
    this.#restoring = true;
    try {
      for (const { conversationId, seq, rev } of records) this.#client.seed(conversationId, seq, rev);
      if (conversations) {
        this.#list.restore(conversations);
        this.#client.emit('conversations', this.#list.list());
      }
      for (const { conversationId, messages } of records) {
        this.#items.merge(conversationId, messages);
        this.#client.emit('messages', { conversationId, messages, source: 'cache' });
      }
    } finally {
      this.#restoring = false;
    }
  }

  // ---- what the client emits ---------------------------------------------------------------------------------

  /** Messages handed to listeners (any source but the cache). @param {number} conversationId @param {Message[]} messages */
  messages(conversationId, messages) {
    if (!this.#open()) return;
    this.#items.merge(conversationId, messages);
    this.#list.messages(conversationId, messages, this.#scope);
    this.#changed(conversationId);
  }

  /** A `sync` entry moved the cursors (perhaps without a message). @param {number} conversationId */
  synced(conversationId) {
    if (this.#open() && this.#items.has(conversationId)) this.#changed(conversationId);
  }

  /**
   * The server's whole conversation list. A conversation kept here but not in it is one the user was taken out of
   * while away (removed, or left on another device): its messages go.
   * @param {Conversation[]} list
   */
  conversationsLoaded(list) {
    if (!this.#open()) return;
    this.#list.replace(list);
    const ids = new Set(list.map((c) => c.id));
    for (const id of this.#items.conversations()) if (!ids.has(id)) this.forget(id);
    this.#schedule();
  }

  /** A conversation created, joined or read again. @param {Conversation} conversation */
  conversationKnown(conversation) {
    if (!this.#open()) return;
    this.#list.upsert(conversation);
    this.#schedule();
  }

  /** The user's read position. @param {{ conversationId: number, lastReadSeq: number, unreadCount?: number }} read */
  read(read) {
    if (!this.#open()) return;
    this.#list.read(read);
    this.#schedule();
  }

  /** Too far behind: its messages are read afresh, so nothing of it is kept until then. @param {number} conversationId */
  reset(conversationId) {
    if (!this.#open()) return;
    this.#items.delete(conversationId);
    this.#changed(conversationId);
  }

  /** The user is out of a conversation: its record and its place in the list go. @param {number} conversationId */
  forget(conversationId) {
    if (!this.#open()) return;
    this.#items.delete(conversationId);
    this.#list.remove(conversationId);
    this.#changed(conversationId);
  }

  // ---- writing -----------------------------------------------------------------------------------------------

  /**
   * Writes what changed, in one transaction. The records are taken now, synchronously: cursors and messages of
   * the same moment.
   * @returns {Promise<void>}
   */
  async flush() {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const scope = this.#scope;
    if (this.#closed || scope === null) return;
    /** @type {CacheRecord[]} */
    const put = [];
    /** @type {number[]} */
    const remove = [];
    for (const id of this.#dirty) {
      const record = this.#record(id);
      if (record) put.push(record);
      else remove.push(id);
    }
    this.#dirty.clear();
    const conversations = this.#list.takeChanged();
    if (put.length === 0 && remove.length === 0 && !conversations) return;
    try {
      await this.#storage.write(scope, { put, remove, conversations });
    } catch (error) {
      this.#client.onError(/** @type {Error} */ (error));
    }
  }

  /**
   * Erases the user's cache and stops keeping one (signing out): nothing of it is written any more.
   * @param {string | null} [scope] the user, when the cache was not opened yet
   * @returns {Promise<void>}
   */
  async clear(scope = this.#scope) {
    this.#closed = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#items.clear();
    this.#dirty.clear();
    this.#client.window?.removeEventListener?.('pagehide', this.#leaving);
    this.#client.document?.removeEventListener?.('visibilitychange', this.#hidden);
    if (scope !== null) await this.#storage.clear(scope).catch((error) => this.#client.onError(error));
  }

  /**
   * A conversation's record: its cursors and the newest messages of the run that ends at the cursor's `seq`; null
   * when there is none to keep (no cursor, no revision, or no message at the cursor).
   * @param {number} conversationId @returns {CacheRecord | null}
   */
  #record(conversationId) {
    const cursor = this.#client.cursor(conversationId);
    // Without a revision (a server older than revisions) a later `lastRev` would claim changes these copies lack.
    if (!cursor || cursor.rev === undefined) return null;
    const messages = this.#items.runTo(conversationId, cursor.seq, this.#max);
    return messages.length === 0 ? null : { conversationId, seq: cursor.seq, rev: cursor.rev, messages };
  }

  /** @param {number} conversationId */
  #changed(conversationId) {
    this.#dirty.add(conversationId);
    this.#schedule();
  }

  #schedule() {
    if (this.#timer === null && !this.#restoring) this.#timer = setTimeout(() => void this.flush(), this.#delayMs);
  }

  #open() {
    return !this.#closed && !this.#restoring && this.#scope !== null;
  }

  #listen() {
    if (this.#listening) return;
    this.#listening = true;
    this.#client.window?.addEventListener?.('pagehide', this.#leaving);
    this.#client.document?.addEventListener?.('visibilitychange', this.#hidden);
  }
}

/**
 * The cache a client's `cache` option asks for: none with `false`.
 * @param {{ storage?: CacheStorage, maxMessagesPerConversation?: number, flushDelayMs?: number } | false | undefined} option
 * @param {Omit<ConstructorParameters<typeof MessageCache>[0], 'storage' | 'maxMessagesPerConversation' | 'flushDelayMs'>} parts
 * @returns {MessageCache | null}
 */
export function createMessageCache(option, parts) {
  if (option === false) return null;
  return new MessageCache({ ...parts, ...option, storage: option?.storage ?? defaultCacheStorage() });
}
