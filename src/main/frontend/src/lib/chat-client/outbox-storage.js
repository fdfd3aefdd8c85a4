import { inTransaction, opener } from './indexed-db.js';

/**
 * Where the outbox keeps unsent messages: IndexedDB in browsers (survives reloads and crashes), memory where
 * IndexedDB is missing or refuses to open (private modes of some browsers, tests).
 *
 * @typedef {import('./types.js').OutboxEntry} OutboxEntry
 * @typedef {{
 *   load(scope: string): Promise<OutboxEntry[]>,
 *   put(entry: OutboxEntry): Promise<void>,
 *   delete(clientMessageId: string): Promise<void>,
 *   readonly persistent: boolean
 * }} OutboxStorage
 */

const STORE = 'messages';

/** Keeps entries in memory only: they are lost on reload. */
export class MemoryOutboxStorage {
  /** @type {Map<string, OutboxEntry>} */
  #entries = new Map();
  persistent = false;

  /** @param {string} scope */
  async load(scope) {
    return [...this.#entries.values()].filter((e) => e.scope === scope).map((e) => ({ ...e }));
  }

  /** @param {OutboxEntry} entry */
  async put(entry) {
    this.#entries.set(entry.clientMessageId, { ...entry });
  }

  /** @param {string} clientMessageId */
  async delete(clientMessageId) {
    this.#entries.delete(clientMessageId);
  }
}

/** Keeps entries in an IndexedDB object store, one record per message, indexed by scope (the user). */
export class IndexedDbOutboxStorage {
  #open;
  persistent = true;

  /**
   * @param {{ indexedDB?: IDBFactory, databaseName?: string }} [options]
   */
  constructor({ indexedDB = globalThis.indexedDB, databaseName = 'chat-outbox' } = {}) {
    if (!indexedDB) throw new Error('IndexedDB is not available');
    this.#open = opener(indexedDB, databaseName, (db) => {
      db.createObjectStore(STORE, { keyPath: 'clientMessageId' }).createIndex('scope', 'scope', { unique: false });
    });
  }

  /**
   * @template T
   * @param {IDBTransactionMode} mode
   * @param {(store: IDBObjectStore) => IDBRequest<T>} operation
   * @returns {Promise<T>}
   */
  async #run(mode, operation) {
    /** @type {IDBRequest<T> | undefined} */
    let request;
    await inTransaction(await this.#open(), [STORE], mode, (store) => (request = operation(store)));
    return /** @type {IDBRequest<T>} */ (request).result;
  }

  /** @param {string} scope */
  async load(scope) {
    const entries = await this.#run('readonly', (store) => store.index('scope').getAll(scope));
    return entries.sort((a, b) => a.createdAt - b.createdAt || a.order - b.order);
  }

  /** @param {OutboxEntry} entry */
  async put(entry) {
    await this.#run('readwrite', (store) => store.put(entry));
  }

  /** @param {string} clientMessageId */
  async delete(clientMessageId) {
    await this.#run('readwrite', (store) => store.delete(clientMessageId));
  }
}

/**
 * The best storage this environment offers.
 * @returns {OutboxStorage}
 */
export function defaultOutboxStorage() {
  return globalThis.indexedDB ? new IndexedDbOutboxStorage() : new MemoryOutboxStorage();
}
