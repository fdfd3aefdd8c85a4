import { Emitter } from './emitter.js';
import { Backoff } from './backoff.js';
import { PendingRequests } from './requests.js';
import { ChatError, ConversationLeftError, NotConnectedError } from './errors.js';
import { Outbox } from './outbox.js';
import { defaultOutboxStorage } from './outbox-storage.js';
import { Cursors } from './cursors.js';
import { TypingThrottle } from './typing.js';
import { refreshDelay, tokenExpiresAt } from './jwt.js';
import { NetworkWatch } from './network-watch.js';
import { Membership } from './membership.js';

/** @typedef {import('./types.js').Message} Message */
/** @typedef {import('./types.js').Conversation} Conversation */
/** @typedef {import('./types.js').Group} Group */
/** @typedef {import('./types.js').SyncEntry} SyncEntry */
/** @typedef {import('./types.js').OutboxEntry} OutboxEntry */
/** @typedef {import('./types.js').ConnectionState} ConnectionState */
/** @typedef {import('./types.js').ConnectionStatus} ConnectionStatus */
/** @typedef {import('./types.js').MemberLeft} MemberLeft */
/** @typedef {import('./types.js').Left} Left */
/** @typedef {import('./types.js').BlockedUser} BlockedUser */
/** @typedef {import('./outbox-storage.js').OutboxStorage} OutboxStorage */

/**
 * @typedef {{
 *   status: ConnectionState,
 *   authenticated: { userId: string, connectionId: string },
 *   disconnected: { code: number, reason: string },
 *   messages: { conversationId: number, messages: Message[], source: 'live' | 'ack' | 'sync' | 'history' },
 *   conversations: Conversation[],
 *   conversation: { conversation: Conversation, group?: Group, announced?: boolean },
 *   group: Group,
 *   joined: { conversation: Conversation, online: string[], typing: string[] },
 *   sync: SyncEntry,
 *   reset: { conversationId: number, lastSeq: number },
 *   read: { conversationId: number, lastReadSeq: number, unreadCount: number },
 *   member_joined: { conversationId: number, groupId: number, user: { userId: string, displayName: string } },
 *   member_left: MemberLeft,
 *   left: Left,
 *   blocked_users: BlockedUser[],
 *   typing: { conversationId: number, userId: string, typing: boolean },
 *   presence: { userId: string, status: 'online' | 'offline', lastSeenAt: string | null },
 *   read_receipt: { conversationId: number, userId: string, seq: number, readAt: string },
 *   outbox: OutboxEntry[],
 *   error: Error,
 *   event: { type: string, payload: any }
 * }} ClientEvents
 */

/**
 * @typedef {{
 *   url: string | (() => string),
 *   getToken: (context: { refresh: boolean }) => Promise<string | null | undefined>,
 *   WebSocket?: typeof WebSocket,
 *   userId?: string,
 *   requestTimeoutMs?: number,
 *   connectTimeoutMs?: number,
 *   backoff?: { baseMs?: number, maxMs?: number, minMs?: number, quickMs?: number, slowMs?: number },
 *   stableAfterMs?: number,
 *   refresh?: { marginMs?: number, fraction?: number },
 *   syncLimit?: number,
 *   maxCatchUp?: number,
 *   typingIntervalMs?: number,
 *   outbox?: { storage?: OutboxStorage, maxEntries?: number, maxChars?: number },
 *   maxFrameBytes?: number,
 *   random?: () => number,
 *   window?: any, document?: any, navigator?: any
 * }} ChatClientOptions
 */

const OPEN = 1;
/** Types the server serves before sign-in. */
const ANONYMOUS_TYPES = new Set(['auth', 'ping']);

/**
 * A client for the `chat.v1` protocol (docs/protocol.md): one WebSocket, requests matched to answers,
 * reconnection with backoff, token refresh, catch-up after reconnects, and an outbox for messages.
 * Framework-agnostic: subscribe with {@link ChatClient#on}.
 *
 * @extends {Emitter<ClientEvents>}
 */
export class ChatClient extends Emitter {
  #options;
  #WebSocket;
  #backoff;
  #pending = new PendingRequests();
  #cursors = new Cursors();
  /** @type {Set<number>} rooms to re-join after a reconnect */
  #rooms = new Set();
  #typing;
  #outbox;
  #network;
  #membership;

  /** @type {WebSocket | null} */
  #ws = null;
  /** the socket's generation: async work of an older socket stops when it no longer matches */
  #session = 0;
  #authenticated = false;
  /** @type {string | null} the token of the current connection */
  #token = null;
  /** @type {string | null} a token the server refused: not offered again */
  #rejectedToken = null;
  /** after a handshake that failed before opening, the next one signs in with an `auth` frame (see #open) */
  #authByFrame = false;
  #signingInByFrame = false;
  /** @type {Promise<void> | null} */
  #syncRun = null;
  #syncAgain = false;
  #timers = { retry: 0, stable: 0, refresh: 0, connect: 0 };

  /** @type {ConnectionState} */
  #state = {
    status: 'offline',
    userId: null,
    connectionId: null,
    attempt: 0,
    nextAttemptAt: null,
    waitingForToken: false,
    stopped: true,
    online: true,
    unreachable: false,
    lastClose: null
  };

  /**
   * @param {ChatClientOptions} options
   *   url: the WebSocket URL (or a function giving it, read on every connect);
   *   getToken: the current access token, called on every (re)connect and before it expires; `refresh` is true
   *   when the last token was refused or is about to expire (fetch a new one rather than a cached one);
   *   userId: the signed-in user, when known before connecting (shows their unsent messages at once);
   *   requestTimeoutMs: default 15000; connectTimeoutMs: from opening to signed in, default 15000;
   *   backoff: reconnect waits (default base 1000, max 30000, full jitter; quickMs 1000: the most a retry waits
   *   while no handshake completes; slowMs 5000: the least wait after the server said "too many", 4429);
   *   stableAfterMs: how long a connection must stay up before the backoff starts over (default 10000);
   *   refresh: when to re-send `auth` (default 80 % of the time left, at least 60 s before `exp`);
   *   syncLimit: messages per conversation per `sync` (default 100); maxCatchUp: beyond this many missed
   *   messages a conversation is reset to its newest page instead of caught up (default 1000);
   *   outbox: storage (default IndexedDB) and bounds (default 500 messages, 4000 characters each);
   *   WebSocket, window, document, navigator, random: injectable for tests.
   */
  constructor(options) {
    super();
    if (typeof options?.getToken !== 'function') throw new TypeError('getToken must be a function');
    if (!options.url) throw new TypeError('url is required');
    this.#options = {
      requestTimeoutMs: 15000,
      connectTimeoutMs: 15000,
      stableAfterMs: 10000,
      syncLimit: 100,
      maxCatchUp: 1000,
      maxFrameBytes: 65536,
      ...options
    };
    this.#WebSocket = options.WebSocket ?? globalThis.WebSocket;
    this.#backoff = new Backoff({ ...options.backoff, random: options.random });
    this.#typing = new TypingThrottle(
      (type, conversationId) => this.request(type, { conversationId }),
      options.typingIntervalMs
    );
    this.#outbox = new Outbox({
      storage: options.outbox?.storage ?? defaultOutboxStorage(),
      maxEntries: options.outbox?.maxEntries,
      maxChars: options.outbox?.maxChars,
      send: (entry) => this.#sendEntry(entry),
      onChange: (entries) => this.emit('outbox', entries),
      onError: (error) => this.emit('error', error),
      retry: { random: options.random }
    });
    this.#network = new NetworkWatch({
      window: options.window ?? globalThis.window,
      document: options.document ?? globalThis.document,
      navigator: options.navigator ?? globalThis.navigator,
      onChange: (online) => this.#networkChanged(online),
      onVisible: () => this.#wakeUp()
    });
    this.#membership = new Membership({
      request: (type, payload) => this.request(type, payload),
      emit: (type, payload) => this.emit(type, payload),
      forget: (conversationId) => this.#forget(conversationId),
      me: () => this.#state.userId
    });
  }

  /** @returns {ConnectionState} a copy of the connection state */
  get state() {
    return { ...this.#state, lastClose: this.#state.lastClose && { ...this.#state.lastClose } };
  }

  /** @returns {OutboxEntry[]} the messages waiting to be sent or failed */
  get outbox() {
    return this.#outbox.entries();
  }

  /** Whether unsent messages survive a reload (IndexedDB available). */
  get outboxPersistent() {
    return this.#outbox.persistent;
  }

  // ---- lifecycle -------------------------------------------------------------------------------------------

  /** Starts connecting, and keeps the connection up until {@link ChatClient#disconnect}. */
  connect() {
    if (!this.#state.stopped) return;
    this.#state.stopped = false;
    this.#network.start();
    this.#state.online = this.#network.online;
    if (this.#options.userId) void this.#outbox.open(this.#options.userId);
    void this.#attempt();
  }

  /** Closes the connection (1000) and stops reconnecting. Unsent messages stay in the outbox. */
  disconnect() {
    this.#state.stopped = true;
    this.#network.stop();
    clearTimeout(this.#timers.retry);
    this.#session += 1;
    if (this.#ws) this.#drop(1000, 'client disconnect');
    else this.#setStatus('offline', { nextAttemptAt: null, waitingForToken: false });
  }

  /**
   * Connects again now, with a token fresh from `getToken()`: call after the user signed in again (for example
   * after a 4401 close) or switched accounts, or when the user asks to retry. Forgets a refused token and starts
   * the backoff over: a user who asks to retry must not be answered with a longer wait.
   */
  reconnect() {
    this.#rejectedToken = null;
    this.#state.waitingForToken = false;
    this.#backoff.reset();
    if (this.#state.stopped) return this.connect();
    clearTimeout(this.#timers.retry);
    if (this.#ws) this.#drop(1000, 'reconnecting', { retryNow: true });
    else void this.#attempt();
  }

  /**
   * Sends `auth` with the token `getToken({ refresh: false })` gives now, for example when the auth library
   * refreshed its session. Does nothing while not signed in, or when the token did not change.
   * @returns {Promise<void>}
   */
  async refreshToken() {
    await this.#refresh(this.#session, false);
  }

  // ---- requests --------------------------------------------------------------------------------------------

  /**
   * Sends a request and resolves with its `ack` payload.
   * @param {string} type
   * @param {Record<string, unknown>} [payload]
   * @param {{ timeoutMs?: number }} [options]
   * @returns {Promise<any>}
   * @throws {ChatError} the server's error; {@link NotConnectedError} when not signed in;
   *   RequestTimeoutError; ConnectionLostError
   */
  request(type, payload = {}, { timeoutMs = this.#options.requestTimeoutMs } = {}) {
    const ws = this.#ws;
    if (!ws || ws.readyState !== OPEN || (!this.#authenticated && !ANONYMOUS_TYPES.has(type))) {
      return Promise.reject(new NotConnectedError(type));
    }
    const requestId = this.#pending.nextId();
    const text = JSON.stringify({ type, payload, requestId });
    if (text.length * 3 > this.#options.maxFrameBytes && new TextEncoder().encode(text).length > this.#options.maxFrameBytes) {
      // The server would close the connection (1009) instead of answering.
      return Promise.reject(
        new ChatError('BAD_REQUEST', `frame is larger than ${this.#options.maxFrameBytes} bytes`, { requestId, type })
      );
    }
    const answer = this.#pending.track(requestId, type, timeoutMs);
    ws.send(text);
    return answer;
  }

  /** @returns {Promise<{ serverTime: string }>} */
  ping() {
    return this.request('ping');
  }

  /**
   * Creates a group (and its conversation); the caller is its owner and only member.
   * @param {{ name: string, description?: string | null }} group
   * @returns {Promise<Group>}
   */
  async createGroup({ name, description = null }) {
    const { group } = await this.request('create_group', { name, description });
    this.emit('group', group);
    return group;
  }

  /**
   * Joins the group of an invite code.
   * @param {string} inviteCode
   * @returns {Promise<{ conversation: Conversation, group: Group }>}
   */
  async joinGroup(inviteCode) {
    const ack = await this.request('join_group', { inviteCode });
    this.#known(ack.conversation);
    this.emit('group', ack.group);
    this.emit('conversation', ack);
    return ack;
  }

  /**
   * Creates a conversation (one other user and no title: the pair's direct conversation, created once).
   * @param {{ participantIds: string[], title?: string | null }} conversation
   * @returns {Promise<Conversation>}
   */
  async createConversation({ participantIds, title = null }) {
    const { conversation } = await this.request('create_conversation', { participantIds, title });
    this.#known(conversation);
    this.emit('conversation', { conversation });
    return conversation;
  }

  /** @returns {Promise<Conversation[]>} every conversation of the user, newest activity first */
  async loadConversations() {
    const { conversations } = await this.request('load_conversations');
    for (const c of conversations) this.#known(c);
    this.emit('conversations', conversations);
    return conversations;
  }

  /**
   * Subscribes to a conversation's room (typing events) — also after every reconnect — and returns its state.
   * @param {number} conversationId
   * @returns {Promise<{ conversation: Conversation, online: string[], typing: string[] }>}
   */
  async joinConversation(conversationId) {
    this.#rooms.add(conversationId);
    const ack = await this.request('join_conversation', { conversationId });
    this.#joined(ack);
    return ack;
  }

  /**
   * Leaves a conversation's room (messages keep coming; typing events stop).
   * @param {number} conversationId
   */
  async leaveConversation(conversationId) {
    this.#rooms.delete(conversationId);
    this.#typing.stop(conversationId);
    if (this.#authenticated) await this.request('leave_conversation', { conversationId });
  }

  /**
   * Ends the user's membership of a group or ad-hoc conversation (`exit_conversation`): its other participants
   * and the user's other devices get `member_left`. The client forgets the conversation (cursor, room, typing) and
   * fails its unsent messages with {@link ConversationLeftError}; `left` is emitted. Direct conversations cannot be
   * left (BAD_REQUEST): block the user instead.
   * @param {number} conversationId
   */
  exitConversation(conversationId) {
    return this.#membership.exit(conversationId);
  }

  /**
   * Blocks a user (`block_user`): they can no longer start conversations with the user, write in their direct
   * conversation, or see their presence. Idempotent; any id is accepted.
   * @param {string} userId
   */
  blockUser(userId) {
    return this.#membership.block(userId);
  }

  /** Lifts a block (`unblock_user`). Idempotent. @param {string} userId */
  unblockUser(userId) {
    return this.#membership.unblock(userId);
  }

  /**
   * The users the user blocked, oldest block first (`load_blocked_users`); also emitted as `blocked_users`.
   * @returns {Promise<BlockedUser[]>}
   */
  loadBlockedUsers() {
    return this.#membership.loadBlocked();
  }

  /**
   * Reads a page of messages, ascending by seq: the newest page without a cursor; older ones with `beforeSeq`.
   * @param {number} conversationId
   * @param {{ beforeSeq?: number, afterSeq?: number, limit?: number }} [page]
   * @returns {Promise<{ messages: Message[], hasMore: boolean }>}
   */
  async loadMessages(conversationId, { beforeSeq, afterSeq, limit } = {}) {
    const ack = await this.request('load_messages', { conversationId, beforeSeq, afterSeq, limit });
    // A page that reaches the newest message (no beforeSeq) moves the cursor; an older page does not.
    this.#accept(conversationId, ack.messages, 'history', { track: beforeSeq === undefined });
    return ack;
  }

  /**
   * Moves the user's read position forward.
   * @param {number} conversationId
   * @param {number} seq the last message read
   * @returns {Promise<{ conversationId: number, lastReadSeq: number, unreadCount: number }>}
   */
  async markRead(conversationId, seq) {
    const ack = await this.request('mark_read', { conversationId, seq });
    this.emit('read', ack);
    return ack;
  }

  /**
   * Queues a message in the outbox (it gets its clientMessageId now) and sends it as soon as the connection is
   * live; after a reconnect or a reload it is sent again with the same id. Also ends the user's typing.
   * @param {number} conversationId
   * @param {string} content
   * @returns {Promise<OutboxEntry>} once stored in the outbox (not yet sent)
   */
  sendMessage(conversationId, content) {
    this.stopTyping(conversationId);
    return this.#outbox.enqueue(conversationId, content);
  }

  /** Sends a failed message again, with the same clientMessageId. @param {string} clientMessageId */
  retryMessage(clientMessageId) {
    return this.#outbox.retry(clientMessageId);
  }

  /** Drops a message from the outbox. @param {string} clientMessageId */
  discardMessage(clientMessageId) {
    return this.#outbox.discard(clientMessageId);
  }

  /** The user is typing: sends `typing_start`, at most every 3 s. @param {number} conversationId */
  typing(conversationId) {
    if (this.#state.status === 'live') this.#typing.typing(conversationId);
  }

  /** The user sent or left the input: sends `typing_stop` if a start was sent. @param {number} conversationId */
  stopTyping(conversationId) {
    this.#typing.stop(conversationId);
  }

  // ---- connecting ------------------------------------------------------------------------------------------

  async #attempt() {
    clearTimeout(this.#timers.retry);
    if (this.#state.stopped || this.#ws) return;
    const session = ++this.#session;
    this.#setStatus('connecting', { nextAttemptAt: null });
    let token;
    try {
      token = await this.#options.getToken({ refresh: this.#rejectedToken !== null });
    } catch (error) {
      if (session !== this.#session) return;
      this.emit('error', error instanceof Error ? error : new Error(String(error)));
      this.#scheduleRetry();
      return;
    }
    if (session !== this.#session || this.#state.stopped) return;
    if (!token || token === this.#rejectedToken) {
      this.#waitForToken();
      return;
    }
    this.#state.waitingForToken = false;
    this.#open(token, session);
  }

  /**
   * Opens the socket with the token in the subprotocols (protocol.md §2a). After a handshake that failed before
   * opening, a browser cannot tell a refused token (HTTP 401) from a server that is down; the next attempt
   * then opens anonymously and sends `auth` (§2c), whose answer names the reason if the token is refused.
   * @param {string} token
   * @param {number} session
   */
  #open(token, session) {
    const byFrame = this.#authByFrame;
    const protocols = byFrame ? ['chat.v1'] : ['chat.v1', `bearer.${token}`];
    /** @type {WebSocket} */
    let ws;
    try {
      const url = typeof this.#options.url === 'function' ? this.#options.url() : this.#options.url;
      ws = new this.#WebSocket(url, protocols);
    } catch (error) {
      this.emit('error', error instanceof Error ? error : new Error(String(error)));
      this.#scheduleRetry();
      return;
    }
    this.#ws = ws;
    this.#token = token;
    this.#authenticated = false;
    let opened = false;
    this.#timers.connect = setTimeout(() => {
      if (ws === this.#ws) this.#drop(4000, 'sign-in took too long', { opened, anonymous: byFrame });
    }, this.#options.connectTimeoutMs);
    ws.onopen = () => {
      if (ws !== this.#ws) return;
      opened = true;
      this.#setStatus('authenticating', { unreachable: false });
      if (byFrame) this.#signInByFrame(token, session);
    };
    ws.onmessage = (event) => {
      if (ws === this.#ws) this.#receive(event.data, session);
    };
    ws.onclose = (event) => {
      if (ws === this.#ws) this.#closed(event.code, event.reason ?? '', { opened, anonymous: byFrame });
    };
    ws.onerror = () => {}; // a close event follows
  }

  /**
   * Signs in with `auth` on an anonymous connection. A refused token is replaced once by a fresh one from
   * `getToken({ refresh: true })` on the same connection (the sign-in window allows retries), which is how a
   * client recovers at once from a server that restarted with new keys.
   * @param {string} token
   * @param {number} session
   */
  async #signInByFrame(token, session) {
    this.#signingInByFrame = true;
    try {
      await this.#authenticateByFrame(token, session);
    } finally {
      this.#signingInByFrame = false;
    }
  }

  /** @param {string} token @param {number} session */
  async #authenticateByFrame(token, session) {
    let current = token;
    for (let tries = 1; ; tries++) {
      try {
        await this.request('auth', { token: current });
        return;
      } catch (error) {
        if (session !== this.#session || !(error instanceof ChatError)) return;
        if (error.code === 'RATE_LIMITED') {
          // The user holds as many connections as the server allows (or this client sent too much): an anonymous
          // connection would only be closed at the end of the sign-in window, so close it and come back later,
          // as after a 4429.
          this.emit('error', error);
          this.#drop(4429, error.message);
          return;
        }
        if (error.code !== 'UNAUTHORIZED') return;
        this.#rejectedToken = current;
        this.emit('error', error);
        const fresh = tries === 1 ? await this.#freshToken() : null;
        if (session !== this.#session) return;
        if (!fresh || fresh === current) {
          this.#drop(1000, 'token refused');
          return;
        }
        current = this.#token = fresh;
      }
    }
  }

  /** @returns {Promise<string | null>} a token from `getToken({ refresh: true })`, or null when it failed */
  async #freshToken() {
    try {
      return (await this.#options.getToken({ refresh: true })) || null;
    } catch (error) {
      this.emit('error', error instanceof Error ? error : new Error(String(error)));
      return null;
    }
  }

  /** @param {{ userId: string, connectionId: string }} payload @param {number} session */
  #signedIn({ userId, connectionId }, session) {
    clearTimeout(this.#timers.connect);
    this.#authenticated = true;
    this.#authByFrame = false;
    this.#rejectedToken = null;
    this.#state.userId = userId;
    this.#state.connectionId = connectionId;
    void this.#outbox.open(userId);
    this.emit('authenticated', { userId, connectionId });
    this.#scheduleRefresh(session);
    void this.#resume(session);
  }

  /**
   * After every (re)connect (protocol.md §10): re-join the rooms, refresh the conversation list, catch up with
   * `sync` from the cursors, then go live and send the outbox.
   * @param {number} session
   */
  async #resume(session) {
    this.#setStatus('syncing');
    try {
      // Pipelined: the joins go out first, and the server answers in order.
      const joined = Promise.all([...this.#rooms].map((id) => this.#rejoin(id)));
      joined.catch(() => {}); // awaited below; this only keeps an early failure from being reported unhandled
      await this.loadConversations();
      await joined;
      await this.#sync(session);
      if (session !== this.#session) return;
      this.#setStatus('live');
      this.#timers.stable = setTimeout(() => this.#backoff.reset(), this.#options.stableAfterMs);
      this.#outbox.resume();
    } catch (error) {
      if (session !== this.#session) return; // the connection closed; the close schedules the retry
      this.emit('error', error instanceof Error ? error : new Error(String(error)));
      this.#drop(1000, 'catch-up failed');
    }
  }

  /** @param {number} conversationId */
  async #rejoin(conversationId) {
    try {
      this.#joined(await this.request('join_conversation', { conversationId }));
    } catch (error) {
      if (!(error instanceof ChatError) || error.code !== 'FORBIDDEN') throw error;
      this.#membership.refused(conversationId); // no longer a participant: left on another device meanwhile
    }
  }

  /** A conversation object showed the user in it: its cursor starts at its newest message. @param {Conversation} conversation */
  #known(conversation) {
    this.#membership.present(conversation.id);
    this.#cursors.init(conversation.id, conversation.lastSeq);
  }

  /**
   * The user is out of a conversation: nothing of it is synced, re-joined or sent any more (see Membership).
   * @param {number} conversationId
   */
  #forget(conversationId) {
    this.#cursors.delete(conversationId);
    this.#rooms.delete(conversationId);
    this.#typing.forget(conversationId);
    void this.#outbox.failConversation(conversationId, new ConversationLeftError(conversationId));
  }

  /** @param {{ conversation: Conversation, online: string[], typing: string[] }} ack */
  #joined(ack) {
    this.#known(ack.conversation);
    this.emit('joined', ack);
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
      } while (this.#syncAgain && session === this.#session);
    })().finally(() => {
      this.#syncRun = null;
    });
    return this.#syncRun;
  }

  /** @param {number} session */
  async #syncRound(session) {
    let more = true;
    while (more && session === this.#session) {
      const { conversations } = await this.request('sync', {
        conversations: this.#cursors.toSync(),
        limit: this.#options.syncLimit
      });
      if (session !== this.#session) return;
      more = false;
      let advanced = false;
      for (const entry of /** @type {SyncEntry[]} */ (conversations)) {
        // Left while the answer was on its way: nothing of it is kept.
        if (this.#membership.isGone(entry.conversationId)) continue;
        // Pages stop short of `limit` when they would be too large (protocol.md, sync): only `hasMore` and the
        // cursor, which the messages move, say where the next round starts.
        advanced = advanced || entry.messages.length > 0;
        this.#accept(entry.conversationId, entry.messages, 'sync', { track: true });
        this.emit('sync', entry);
        if (!entry.hasMore) continue;
        const behind = entry.lastSeq - (this.#cursors.get(entry.conversationId) ?? 0);
        if (behind > this.#options.maxCatchUp) {
          // Too far behind to replay: start the conversation over at its newest page.
          this.#cursors.set(entry.conversationId, entry.lastSeq);
          this.emit('reset', { conversationId: entry.conversationId, lastSeq: entry.lastSeq });
        } else {
          more = true;
        }
      }
      // Every round brings at least one message while any is due; one that brought none cannot move a cursor, so
      // asking again would only repeat it. The next gap or reconnect catches up instead.
      if (!advanced) more = false;
    }
  }

  // ---- incoming frames -------------------------------------------------------------------------------------

  /** @param {unknown} data @param {number} session */
  #receive(data, session) {
    if (typeof data !== 'string') return;
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (!frame || typeof frame !== 'object' || typeof frame.type !== 'string') return;
    const payload = frame.payload && typeof frame.payload === 'object' ? frame.payload : {};
    if (frame.type === 'ack' || frame.type === 'error') {
      const matched = this.#pending.settle({ type: frame.type, payload, requestId: frame.requestId ?? null });
      if (!matched && frame.type === 'error') this.emit('error', ChatError.fromFrame(payload, frame.requestId ?? null));
      return;
    }
    this.#event(frame.type, payload, session);
    this.emit('event', { type: frame.type, payload });
  }

  /** @param {string} type @param {any} payload @param {number} session */
  #event(type, payload, session) {
    switch (type) {
      case 'connection_status':
        if (payload.status === 'authenticated' && !this.#authenticated) this.#signedIn(payload, session);
        // The token offered on the handshake did not arrive (a proxy that drops the subprotocol header):
        // sign in with `auth` on this connection instead.
        else if (payload.status === 'unauthenticated' && !this.#signingInByFrame && this.#token) {
          void this.#signInByFrame(this.#token, session);
        }
        break;
      case 'new_message': {
        const message = payload.message;
        if (!message) return;
        const gap = this.#accept(message.conversationId, [message], 'live', { track: true });
        if (gap) this.#fillGap(session);
        break;
      }
      case 'conversation_created':
        this.#known(payload.conversation);
        // Its participants' presence is the creator's view, not this user's (protocol.md §6, conversation).
        this.emit('conversation', { conversation: payload.conversation, announced: true });
        break;
      case 'member_left':
        this.#membership.memberLeft(payload);
        break;
      case 'member_joined':
        if (payload.user?.userId === this.#state.userId) this.#membership.present(payload.conversationId);
        this.emit(type, payload);
        break;
      case 'typing':
      case 'presence':
      case 'read_receipt':
        this.emit(type, payload);
        break;
      default:
        break; // unknown events are ignored (protocol.md §7)
    }
  }

  /**
   * Records messages (cursors, outbox) and hands them to listeners.
   * @param {number} conversationId
   * @param {Message[]} messages
   * @param {'live' | 'ack' | 'sync' | 'history'} source
   * @param {{ track: boolean }} options track: whether the messages reach the newest end (they move the cursor)
   * @returns {boolean} whether a gap showed up
   */
  #accept(conversationId, messages, source, { track }) {
    if (!messages?.length || this.#membership.isGone(conversationId)) return false;
    let gap = false;
    for (const message of messages) {
      if (track) gap = this.#cursors.note(conversationId, message.seq) || gap;
      this.#outbox.confirm(message);
    }
    this.emit('messages', { conversationId, messages, source });
    return gap;
  }

  /** @param {OutboxEntry} entry */
  async #sendEntry(entry) {
    if (this.#membership.isGone(entry.conversationId)) throw new ConversationLeftError(entry.conversationId);
    const { message } = await this.request('send_message', {
      conversationId: entry.conversationId,
      content: entry.content,
      clientMessageId: entry.clientMessageId
    });
    if (this.#accept(message.conversationId, [message], 'ack', { track: true })) this.#fillGap(this.#session);
    return message;
  }

  /**
   * A seq gap: messages are missing between the cursor and a message that arrived. Runs `sync` (or one more
   * round of the running one); a failure closes the connection, whose reconnect catches up anyway.
   * @param {number} session
   */
  #fillGap(session) {
    if (!this.#authenticated || session !== this.#session) return;
    this.#sync(session).catch((error) => {
      if (session !== this.#session) return;
      this.emit('error', error instanceof Error ? error : new Error(String(error)));
      this.#drop(1000, 'catch-up failed');
    });
  }

  // ---- closing and retrying --------------------------------------------------------------------------------

  /**
   * Detaches the socket and handles it as closed at once: a socket on a dead network can take minutes to
   * report its close.
   * @param {number} code
   * @param {string} reason
   * @param {{ retryNow?: boolean, opened?: boolean, anonymous?: boolean }} [options] opened: whether the handshake
   *   had completed (a handshake that hangs is dropped before); anonymous: whether it offered no token
   */
  #drop(code, reason, { retryNow = false, opened = true, anonymous = false } = {}) {
    const ws = this.#ws;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = null;
    try {
      ws.close(code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000, reason);
    } catch {
      // already closing
    }
    this.#closed(code, reason, { opened, anonymous }, retryNow);
  }

  /**
   * @param {number} code
   * @param {string} reason
   * @param {{ opened: boolean, anonymous: boolean }} handshake whether it had completed; whether it offered no token
   * @param {boolean} [retryNow]
   */
  #closed(code, reason, { opened, anonymous }, retryNow = false) {
    this.#ws = null;
    this.#session += 1;
    this.#authenticated = false;
    for (const timer of ['stable', 'refresh', 'connect']) clearTimeout(this.#timers[timer]);
    this.#pending.failAll(code);
    this.#outbox.pause();
    this.#typing.reset();
    this.#state.connectionId = null;
    this.#state.lastClose = { code, reason };
    this.emit('disconnected', { code, reason });
    if (this.#state.stopped) {
      this.#setStatus('offline', { nextAttemptAt: null });
      return;
    }
    if (code === 4401) {
      this.#rejectedToken = this.#token;
      this.emit('error', new ChatError('UNAUTHORIZED', reason || 'the server refused the token'));
    }
    if (this.#rejectedToken !== null && this.#rejectedToken === this.#token) {
      // Not again with the same token (protocol.md §9): wait until getToken() yields another.
      this.#waitForToken();
      return;
    }
    if (retryNow) {
      void this.#attempt();
    } else if (!opened) {
      this.#handshakeFailed(anonymous);
    } else {
      // 4429: the server wants fewer connections or requests from this user; coming back within a second would
      // only be closed again, so the wait has a floor (slowMs). 1013 (the database is unavailable) and every other
      // close of an opened connection: the growing backoff.
      this.#scheduleRetry({ slow: code === 4429 });
    }
  }

  /**
   * A handshake failed before opening. A browser does not say why: a refused token (401), a server that is down,
   * and one that is starting (Payara answers 404, then 503, while the application deploys) all look like 1006.
   * The next attempt opens without a token and signs in with `auth`, whose answer names a refused token. When
   * that anonymous handshake fails too, nothing at the URL serves WebSockets yet: the client retries quickly
   * (`quickMs`), without growing the backoff, so it is back within about a second of the server being ready.
   * The backoff grows only when the server did answer: a connection that opened and closed, a refused token.
   * @param {boolean} anonymous whether the failed handshake offered no token
   */
  #handshakeFailed(anonymous) {
    this.#authByFrame = true;
    if (anonymous) this.#state.unreachable = true;
    this.#scheduleRetry({ quick: true });
  }

  #waitForToken() {
    this.#state.waitingForToken = true;
    this.#scheduleRetry();
  }

  /**
   * @param {{ quick?: boolean, slow?: boolean }} [options] quick: the server is not up (see #handshakeFailed);
   *   slow: the server said "too many" (see Backoff#slow)
   */
  #scheduleRetry({ quick = false, slow = false } = {}) {
    clearTimeout(this.#timers.retry);
    if (this.#state.stopped) return;
    // Offline (navigator.onLine false): no backoff race, only a slow probe in case the flag is wrong;
    // the `online` event brings the next attempt forward.
    let delay = this.#backoff.maxMs;
    if (this.#state.online) delay = slow ? this.#backoff.slow() : quick ? this.#backoff.quick() : this.#backoff.next();
    this.#timers.retry = setTimeout(() => void this.#attempt(), delay);
    this.#setStatus(this.#state.online ? 'backoff' : 'offline', {
      nextAttemptAt: Date.now() + delay,
      attempt: this.#backoff.attempt
    });
  }

  /** @param {boolean} online */
  #networkChanged(online) {
    this.#state.online = online;
    if (online) {
      this.#wakeUp();
    } else if (this.#ws) {
      void this.#probe();
    } else if (this.#state.status === 'backoff') {
      this.#scheduleRetry();
    } else {
      this.#setStatus(this.#state.status);
    }
  }

  /** The network came back or the tab became visible: retry now if waiting, check the socket if live. */
  #wakeUp() {
    if (this.#state.stopped) return;
    if (!this.#ws) {
      if (this.#state.status === 'backoff' || this.#state.status === 'offline') void this.#attempt();
    } else if (this.#state.status === 'live') {
      void this.#probe();
    }
  }

  /** Checks a live socket with a `ping`; one that does not answer in 5 s is dropped and replaced. */
  async #probe() {
    const ws = this.#ws;
    if (!ws || !this.#authenticated) return;
    try {
      await this.request('ping', {}, { timeoutMs: 5000 });
    } catch (error) {
      if (ws === this.#ws && error instanceof ChatError && error.code === 'TIMEOUT') this.#drop(4000, 'no answer to ping');
    }
  }

  // ---- token refresh ---------------------------------------------------------------------------------------

  /** @param {number} session */
  #scheduleRefresh(session) {
    clearTimeout(this.#timers.refresh);
    const expiresAt = this.#token ? tokenExpiresAt(this.#token) : null;
    if (expiresAt === null) return;
    const delay = refreshDelay(expiresAt, Date.now(), this.#options.refresh);
    this.#timers.refresh = setTimeout(() => void this.#refresh(session), delay);
  }

  /**
   * Sends `auth` with a fresh token on the open connection. When `getToken()` has nothing newer yet, tries
   * again later, before the current token expires.
   * @param {number} session
   * @param {boolean} [force] ask `getToken` for a newly issued token (false: the auth library already has one)
   */
  async #refresh(session, force = true) {
    if (session !== this.#session || !this.#authenticated) return;
    clearTimeout(this.#timers.refresh);
    let token;
    try {
      token = await this.#options.getToken({ refresh: force });
    } catch (error) {
      if (session !== this.#session) return;
      this.emit('error', error instanceof Error ? error : new Error(String(error)));
      this.#retryRefresh(session);
      return;
    }
    if (session !== this.#session) return;
    if (!token || token === this.#token) {
      this.#retryRefresh(session);
      return;
    }
    try {
      await this.request('auth', { token });
      if (session !== this.#session) return;
      this.#token = token;
      this.#scheduleRefresh(session);
    } catch (error) {
      if (session !== this.#session) return;
      this.emit('error', error instanceof Error ? error : new Error(String(error)));
      this.#retryRefresh(session);
    }
  }

  /** @param {number} session */
  #retryRefresh(session) {
    const expiresAt = this.#token ? tokenExpiresAt(this.#token) : null;
    if (expiresAt === null) return;
    const left = expiresAt - Date.now();
    const delay = Math.min(30000, Math.max(1000, left / 4));
    this.#timers.refresh = setTimeout(() => void this.#refresh(session), delay);
  }

  // ---- state -----------------------------------------------------------------------------------------------

  /**
   * @param {ConnectionStatus} status
   * @param {Partial<ConnectionState>} [changes]
   */
  #setStatus(status, changes = {}) {
    const nextAttemptAt = status === 'backoff' || status === 'offline' ? changes.nextAttemptAt ?? null : null;
    this.#state = {
      ...this.#state,
      ...changes,
      status: status === 'backoff' && !this.#state.online ? 'offline' : status,
      nextAttemptAt,
      attempt: changes.attempt ?? this.#backoff.attempt
    };
    this.emit('status', this.state);
  }
}
