/**
 * The chat.v1 protocol client: framework-agnostic, no Svelte. See docs/client.md.
 */
export { ChatClient } from './client.js';
export { ChatError, RequestTimeoutError, ConnectionLostError, NotConnectedError, OutboxFullError, ConversationLeftError } from './errors.js';
export { Backoff } from './backoff.js';
export { MemoryOutboxStorage, IndexedDbOutboxStorage, defaultOutboxStorage } from './outbox-storage.js';
export { MemoryCacheStorage, IndexedDbCacheStorage, defaultCacheStorage } from './cache-storage.js';
export { decodeJwtPayload, tokenExpiresAt, tokenSubject } from './jwt.js';
