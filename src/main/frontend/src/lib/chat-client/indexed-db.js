/**
 * What the outbox's and the cache's IndexedDB storages share: opening their database (created on first use,
 * never blocking another tab's schema upgrade) and running work in one transaction.
 */

/**
 * Opens the database lazily, once; a failed open is tried again at the next call.
 * @param {IDBFactory} factory
 * @param {string} name
 * @param {(db: IDBDatabase) => void} create makes the object stores of a new database (version 1)
 * @returns {() => Promise<IDBDatabase>}
 */
export function opener(factory, name, create) {
  /** @type {Promise<IDBDatabase> | null} */
  let opened = null;
  return () => {
    opened ??= new Promise((resolve, reject) => {
      const request = factory.open(name, 1);
      request.onupgradeneeded = () => create(request.result);
      request.onsuccess = () => {
        const db = request.result;
        // Another tab upgrading the schema must not be blocked by this connection.
        db.onversionchange = () => db.close();
        resolve(db);
      };
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error(`the database ${name} is blocked by another tab`));
    });
    opened.catch(() => (opened = null));
    return opened;
  };
}

/**
 * Runs `work` on the stores in one transaction; resolves once it committed, rejects when it failed or aborted.
 * @param {IDBDatabase} db
 * @param {string[]} storeNames
 * @param {IDBTransactionMode} mode
 * @param {(...stores: IDBObjectStore[]) => void} work
 * @returns {Promise<void>}
 */
export function inTransaction(db, storeNames, mode, work) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(storeNames, mode);
    work(...storeNames.map((name) => tx.objectStore(name)));
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error(`transaction on ${storeNames.join(', ')} aborted`));
  });
}
