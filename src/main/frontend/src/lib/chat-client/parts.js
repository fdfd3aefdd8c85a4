import { ConversationLeftError } from './errors.js';
import { Requests } from './requests.js';
import { Connection } from './connection.js';
import { CatchUp } from './catch-up.js';
import { receive } from './events.js';
import { Outbox } from './outbox.js';
import { requestOf } from './outbox-entries.js';
import { defaultOutboxStorage } from './outbox-storage.js';
import { TypingThrottle } from './typing.js';
import { Membership } from './membership.js';
import { Groups } from './groups.js';
import { createMessageCache } from './message-cache.js';

/** @typedef {import('./types.js').OutboxEntry} OutboxEntry */
/** @typedef {import('./types.js').Conversation} Conversation */

/**
 * The client's parts, as {@link assemble} wires them: each a plain class given the few functions it needs.
 * @typedef {import('./events.js').ClientParts & {
 *   typing: TypingThrottle,
 *   groups: Groups,
 *   cache: import('./message-cache.js').MessageCache | null
 * }} Parts
 */

/**
 * What the parts need of the client: its events and its requests (the face every part talks through).
 * @typedef {{
 *   emit: (type: any, payload: any) => void,
 *   on: (type: any, listener: (payload: any) => void) => unknown,
 *   request: (type: string, payload?: Record<string, unknown>, options?: { timeoutMs?: number }) => Promise<any>,
 *   loadConversations: () => Promise<Conversation[]>
 * }} Face
 */

/**
 * Makes the client's parts and wires them together — {@link Connection} (the socket's life, sign-in, reconnects),
 * {@link Requests} (answers matched to requests), {@link CatchUp} (cursors, rooms, `sync`), the event handlers of
 * `events.js`, {@link Outbox}, {@link Membership}, {@link Groups}, the typing throttle and the message cache — and
 * the seams between them: a closed socket, a conversation the user is out of, an outbox entry sent.
 * @param {Face} face the client
 * @param {import('./types.js').ChatClientOptions & { requestTimeoutMs: number, maxFrameBytes: number,
 *   syncLimit: number, maxCatchUp: number }} options with the defaults filled in
 * @returns {Parts}
 */
export function assemble(face, options) {
  /** @type {(type: any, payload: any) => void} */
  const emit = (type, payload) => face.emit(type, payload);
  /** @type {Face['request']} */
  const request = (type, payload, requestOptions) => face.request(type, payload, requestOptions);
  /** @type {Parts} filled in below; the functions given to the parts read it only once it is whole */
  const parts = /** @type {any} */ ({ emit });
  parts.connection = new Connection({
    options,
    request,
    emit,
    hooks: {
      started: () => {
        if (!options.userId) return;
        void parts.outbox.open(options.userId);
        void parts.cache?.open(options.userId);
      },
      frame: (data, session) => receive(parts, data, session),
      closed: (code) => closed(parts, code)
    }
  });
  parts.requests = new Requests({ connection: parts.connection, timeoutMs: options.requestTimeoutMs, maxFrameBytes: options.maxFrameBytes });
  parts.typing = new TypingThrottle((type, conversationId) => request(type, { conversationId }), options.typingIntervalMs);
  parts.outbox = new Outbox({
    storage: options.outbox?.storage ?? defaultOutboxStorage(),
    maxEntries: options.outbox?.maxEntries,
    maxChars: options.outbox?.maxChars,
    send: (entry) => sendEntry(parts, request, entry),
    onChange: (entries) => emit('outbox', entries),
    onError: (error) => emit('error', error),
    retry: { random: options.random }
  });
  const me = () => parts.connection.userId;
  parts.membership = new Membership({ request, emit, forget: (conversationId) => forget(parts, conversationId), me });
  parts.cache = createMessageCache(options.cache, {
    emit,
    cursor: (conversationId) => parts.catchUp.cursor(conversationId),
    seed: (conversationId, seq, rev) => parts.catchUp.seed(conversationId, seq, rev),
    onError: (error) => emit('error', error),
    window: options.window ?? globalThis.window,
    document: options.document ?? globalThis.document
  });
  if (parts.cache) follow(face, parts.cache);
  parts.catchUp = new CatchUp({
    connection: parts.connection,
    request,
    emit,
    membership: parts.membership,
    outbox: parts.outbox,
    loadConversations: () => face.loadConversations(),
    restore: async () => parts.cache?.open(parts.connection.userId),
    syncLimit: options.syncLimit,
    maxCatchUp: options.maxCatchUp
  });
  const known = (/** @type {Conversation} */ conversation) => parts.catchUp.known(conversation);
  parts.groups = new Groups({ request, emit, membership: parts.membership, known, me });
  return parts;
}

/**
 * The message cache follows what the client emits — every message it hands to listeners, `sync` entries, the list,
 * reads, resets, conversations left — rather than the socket: it is then exactly as current as what the listeners
 * were told.
 * @param {Face} face @param {import('./message-cache.js').MessageCache} cache
 */
function follow(face, cache) {
  face.on('messages', ({ conversationId, messages, source }) => source !== 'cache' && cache.messages(conversationId, messages));
  face.on('sync', ({ conversationId }) => cache.synced(conversationId));
  face.on('conversations', (list) => cache.conversationsLoaded(list));
  face.on('conversation', ({ conversation }) => cache.conversationKnown(conversation));
  face.on('joined', ({ conversation }) => cache.conversationKnown(conversation));
  face.on('read', (read) => cache.read(read));
  face.on('reset', ({ conversationId }) => cache.reset(conversationId));
  face.on('left', ({ conversationId }) => cache.forget(conversationId));
}

/** The socket is gone: nothing waits on it any more. @param {Parts} parts @param {number} code */
function closed(parts, code) {
  parts.requests.failAll(code);
  parts.outbox.pause();
  parts.typing.reset();
}

/**
 * The user is out of a conversation: nothing of it is synced, re-joined or sent any more (see Membership); the
 * message cache drops it when `left` is emitted.
 * @param {Parts} parts @param {number} conversationId
 */
function forget(parts, conversationId) {
  parts.catchUp.forget(conversationId);
  parts.typing.forget(conversationId);
  void parts.outbox.failConversation(conversationId, new ConversationLeftError(conversationId));
}

/**
 * Sends an outbox entry — a message, or a change to a stored one — and hands the stored message on as an `ack`.
 * @param {Parts} parts @param {Face['request']} request @param {OutboxEntry} entry
 */
async function sendEntry(parts, request, entry) {
  if (parts.membership.isGone(entry.conversationId)) throw new ConversationLeftError(entry.conversationId);
  const [type, payload] = requestOf(entry);
  const { message } = await request(type, payload);
  if (parts.catchUp.accept(message.conversationId, [message], 'ack', { track: true, revs: true })) {
    parts.catchUp.fillGap(parts.connection.session);
  }
  return message;
}
