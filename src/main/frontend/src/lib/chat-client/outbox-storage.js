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
  #factory;
  #name;
  /** @type {Promise<IDBDatabase> | null} */
  #db = null;
  persistent = true;

  /**
   * @param {{ indexedDB?: IDBFactory, databaseName?: string }} [options]
   */
  constructor({ indexedDB = globalThis.indexedDB, databaseName = 'chat-outbox' } = {}) {
    if (!indexedDB) throw new Error('IndexedDB is not available');
    this.#factory = indexedDB;
    this.#name = databaseName;
  }

  /** @returns {Promise<IDBDatabase>} */
  #open() {
    this.#db ??= new Promise((resolve, reject) => {
      const request = this.#factory.open(this.#name, 1);
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore(STORE, { keyPath: 'clientMessageId' });
        store.createIndex('scope', 'scope', { unique: false });
      };
      request.onsuccess = () => {
        const db = request.result;
        // Another tab upgrading the schema must not be blocked by this connection.
        db.onversionchange = () => db.close();
        resolve(db);
      };
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('the outbox database is blocked by another tab'));
    });
    this.#db.catch(() => (this.#db = null));
    return this.#db;
  }

  /**
   * @template T
   * @param {IDBTransactionMode} mode
   * @param {(store: IDBObjectStore) => IDBRequest<T>} operation
   * @returns {Promise<T>}
   */
  async #run(mode, operation) {
    const db = await this.#open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = operation(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error ?? request.error);
      tx.onabort = () => reject(tx.error ?? new Error('outbox transaction aborted'));
    });
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
