import { inTransaction, opener } from './indexed-db.js';

/**
 * Where the message cache lives: IndexedDB in browsers (a reload, or opening the app offline, shows the recent
 * messages at once), memory where IndexedDB is missing (tests, private modes of some browsers: nothing survives the
 * page). Everything is scoped by user: one user's records are never read for another.
 *
 * A record holds one conversation's cursors and the messages they cover, so writing it is writing both at once; a
 * {@link CacheStorage#write} puts and deletes records and the conversation list in one transaction.
 *
 * @typedef {import('./types.js').Message} Message
 * @typedef {import('./types.js').Conversation} Conversation
 * @typedef {{ conversationId: number, seq: number, rev: number, messages: Message[] }} CacheRecord the cursors
 *   (`seq`: every message up to it is known; `rev`: every change up to it is applied) and the newest messages up to
 *   `seq`, ascending and without a hole (older ones are read with `load_messages`)
 * @typedef {{ records: CacheRecord[], conversations: Conversation[] | null }} CacheContents
 * @typedef {{ put: CacheRecord[], remove: number[], conversations?: Conversation[] }} CacheWrite
 * @typedef {{
 *   load(scope: string): Promise<CacheContents>,
 *   write(scope: string, changes: CacheWrite): Promise<void>,
 *   clear(scope: string): Promise<void>,
 *   readonly persistent: boolean
 * }} CacheStorage
 */

const RECORDS = 'conversations';
const LISTS = 'lists';

/** Keeps the cache in memory only: it is gone with the page. */
export class MemoryCacheStorage {
  /** @type {Map<string, Map<number, CacheRecord>>} scope → conversation → record */
  #records = new Map();
  /** @type {Map<string, Conversation[]>} */
  #lists = new Map();
  persistent = false;

  /** @param {string} scope @returns {Promise<CacheContents>} */
  async load(scope) {
    const records = [...(this.#records.get(scope)?.values() ?? [])].sort((a, b) => a.conversationId - b.conversationId);
    return structuredClone({ records, conversations: this.#lists.get(scope) ?? null });
  }

  /** @param {string} scope @param {CacheWrite} changes */
  async write(scope, { put, remove, conversations }) {
    let records = this.#records.get(scope);
    if (!records) this.#records.set(scope, (records = new Map()));
    for (const id of remove) records.delete(id);
    // Copied, as IndexedDB copies: the caller's objects stay its own.
    for (const record of put) records.set(record.conversationId, structuredClone(record));
    if (conversations) this.#lists.set(scope, structuredClone(conversations));
  }

  /** @param {string} scope */
  async clear(scope) {
    this.#records.delete(scope);
    this.#lists.delete(scope);
  }
}

/**
 * Keeps the cache in IndexedDB (database `chat-cache`): one record per user and conversation, keyed
 * `[scope, conversationId]`, and one conversation list per user.
 */
export class IndexedDbCacheStorage {
  #open;
  persistent = true;

  /** @param {{ indexedDB?: IDBFactory, databaseName?: string }} [options] */
  constructor({ indexedDB = globalThis.indexedDB, databaseName = 'chat-cache' } = {}) {
    if (!indexedDB) throw new Error('IndexedDB is not available');
    this.#open = opener(indexedDB, databaseName, (db) => {
      db.createObjectStore(RECORDS, { keyPath: ['scope', 'conversationId'] }).createIndex('scope', 'scope', { unique: false });
      db.createObjectStore(LISTS, { keyPath: 'scope' });
    });
  }

  /**
   * Runs `work` in one transaction over both stores; resolves when it committed.
   * @param {IDBTransactionMode} mode
   * @param {(records: IDBObjectStore, lists: IDBObjectStore) => void} work
   */
  async #transaction(mode, work) {
    await inTransaction(await this.#open(), [RECORDS, LISTS], mode, work);
  }

  /** @param {string} scope @returns {Promise<CacheContents>} */
  async load(scope) {
    /** @type {IDBRequest<any[]> | undefined} */
    let records;
    /** @type {IDBRequest<any> | undefined} */
    let list;
    await this.#transaction('readonly', (store, lists) => {
      records = store.index('scope').getAll(scope);
      list = lists.get(scope);
    });
    return {
      records: (records?.result ?? []).map(({ scope: _, ...record }) => record),
      conversations: list?.result?.conversations ?? null
    };
  }

  /** @param {string} scope @param {CacheWrite} changes */
  async write(scope, { put, remove, conversations }) {
    await this.#transaction('readwrite', (store, lists) => {
      for (const id of remove) store.delete([scope, id]);
      for (const record of put) store.put({ ...record, scope });
      if (conversations) lists.put({ scope, conversations });
    });
  }

  /** @param {string} scope */
  async clear(scope) {
    await this.#transaction('readwrite', (store, lists) => {
      const keys = store.index('scope').getAllKeys(scope);
      keys.onsuccess = () => keys.result.forEach((key) => store.delete(key));
      lists.delete(scope);
    });
  }
}

/**
 * The best storage this environment offers.
 * @returns {CacheStorage}
 */
export function defaultCacheStorage() {
  return globalThis.indexedDB ? new IndexedDbCacheStorage() : new MemoryCacheStorage();
}
