import { Emitter } from './emitter.js';
import { assemble } from './parts.js';

/** @typedef {import('./types.js').Conversation} Conversation */
/** @typedef {import('./types.js').Group} Group */
/** @typedef {import('./types.js').Message} Message */
/** @typedef {import('./types.js').OutboxEntry} OutboxEntry */
/** @typedef {import('./types.js').ConnectionState} ConnectionState */
/** @typedef {import('./types.js').BlockedUser} BlockedUser */
/** @typedef {import('./types.js').Participant} Participant */
/** @typedef {import('./types.js').Role} Role */
/** @typedef {import('./types.js').UserFound} UserFound */
/** @typedef {import('./types.js').ConversationPage} ConversationPage */
/** @typedef {import('./types.js').ClientEvents} ClientEvents */
/** @typedef {import('./types.js').ChatClientOptions} ChatClientOptions */
/** @typedef {import('./types.js').SearchResults} SearchResults */

const DEFAULTS = {
  requestTimeoutMs: 15000,
  connectTimeoutMs: 15000,
  stableAfterMs: 10000,
  syncLimit: 100,
  maxCatchUp: 1000,
  maxFrameBytes: 65536
};

/**
 * A client for the `chat.v1` protocol (docs/protocol.md): one WebSocket, requests matched to answers,
 * reconnection with backoff, token refresh, catch-up after reconnects, and an outbox for messages.
 * Framework-agnostic: subscribe with {@link ChatClient#on}.
 *
 * This class is the face: the requests' methods over its parts, which `parts.js` makes and wires together (the
 * connection, requests, catch-up, event handlers, outbox, membership, groups, typing throttle and message cache).
 *
 * @extends {Emitter<ClientEvents>}
 */
export class ChatClient extends Emitter {
  #options;
  #connection;
  #requests;
  #catchUp;
  #typing;
  #outbox;
  #membership;
  #groups;
  #cache;

  /** @param {ChatClientOptions} options see its type, and docs/client.md "Options" */
  constructor(options) {
    super();
    if (typeof options?.getToken !== 'function') throw new TypeError('getToken must be a function');
    if (!options.url) throw new TypeError('url is required');
    this.#options = { ...DEFAULTS, ...options };
    const parts = assemble(this, this.#options);
    this.#connection = parts.connection;
    this.#requests = parts.requests;
    this.#catchUp = parts.catchUp;
    this.#typing = parts.typing;
    this.#outbox = parts.outbox;
    this.#membership = parts.membership;
    this.#groups = parts.groups;
    this.#cache = parts.cache;
  }

  /** @returns {ConnectionState} a copy of the connection state */
  get state() {
    return this.#connection.state;
  }

  /** @returns {OutboxEntry[]} the messages waiting to be sent or failed */
  get outbox() {
    return this.#outbox.entries();
  }

  /** Whether unsent messages survive a reload (IndexedDB available). */
  get outboxPersistent() {
    return this.#outbox.persistent;
  }

  /** Whether recent messages survive a reload (the cache is on, in IndexedDB). */
  get cachePersistent() {
    return this.#cache?.persistent ?? false;
  }

  // ---- lifecycle -------------------------------------------------------------------------------------------

  /** Starts connecting, and keeps the connection up until {@link ChatClient#disconnect}. */
  connect() {
    this.#connection.connect();
  }

  /** Closes the connection (1000) and stops reconnecting. Unsent messages stay in the outbox, messages in the cache. */
  disconnect() {
    this.#connection.disconnect();
    void this.#cache?.flush();
  }

  /**
   * Erases the user's message cache (signing out: the next user of this browser must not find it) and stops
   * keeping one for this client. Unsent messages stay in the outbox (see docs/client.md, "The message cache").
   * @returns {Promise<void>}
   */
  clearCache() {
    return this.#cache?.clear(this.#connection.userId ?? this.#options.userId ?? null) ?? Promise.resolve();
  }

  /**
   * Connects again now, with a token fresh from `getToken()`: call after the user signed in again (for example
   * after a 4401 close) or switched accounts, or when the user asks to retry. Forgets a refused token and starts
   * the backoff over: a user who asks to retry must not be answered with a longer wait.
   */
  reconnect() {
    this.#connection.reconnect();
  }

  /**
   * Sends `auth` with the token `getToken({ refresh: false })` gives now, for example when the auth library
   * refreshed its session. Does nothing while not signed in, or when the token did not change.
   * @returns {Promise<void>}
   */
  async refreshToken() {
    await this.#connection.signIn.refresh(this.#connection.session, false);
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
  request(type, payload = {}, options = {}) {
    return this.#requests.send(type, payload, options);
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
    this.#catchUp.known(ack.conversation);
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
    this.#catchUp.known(conversation);
    this.emit('conversation', { conversation });
    return conversation;
  }

  /** @returns {Promise<Conversation[]>} every conversation of the user, newest activity first */
  async loadConversations() {
    const { conversations } = await this.request('load_conversations');
    for (const c of conversations) this.#catchUp.known(c);
    this.emit('conversations', conversations);
    return conversations;
  }

  /**
   * A page of the user's conversations, newest activity first (`load_conversations` with `limit`): the first without
   * `before`, the next with the `nextCursor` of the last. Pages neither skip nor repeat a conversation while
   * messages arrive. Emitted as `conversation_page` (with the `before` asked for).
   * @param {{ limit: number, before?: string | null }} page limit: 1-500
   * @returns {Promise<ConversationPage>}
   */
  async loadConversationPage({ limit, before = null }) {
    const ack = await this.request('load_conversations', before === null ? { limit } : { limit, before });
    for (const c of ack.conversations) this.#catchUp.known(c);
    const page = { conversations: ack.conversations, hasMore: ack.hasMore === true, nextCursor: ack.nextCursor ?? null };
    this.emit('conversation_page', { ...page, before });
    return page;
  }

  /**
   * Users whose display name or id has a word starting with `query` (`search_users`), the user excluded: to start
   * a direct chat by name, or to add members.
   * @param {string} query at least 1 character
   * @param {{ limit?: number }} [options] limit: 1-50, default 20
   * @returns {Promise<UserFound[]>}
   */
  async searchUsers(query, { limit } = {}) {
    const { users } = await this.request('search_users', { query, limit });
    return users;
  }

  /**
   * Subscribes to a conversation's room (typing events) — also after every reconnect — and returns its state.
   * @param {number} conversationId
   * @returns {Promise<{ conversation: Conversation, online: string[], typing: string[] }>}
   */
  async joinConversation(conversationId) {
    this.#catchUp.join(conversationId);
    const ack = await this.request('join_conversation', { conversationId });
    this.#catchUp.joined(ack);
    return ack;
  }

  /**
   * Leaves a conversation's room (messages keep coming; typing events stop).
   * @param {number} conversationId
   */
  async leaveConversation(conversationId) {
    this.#catchUp.leave(conversationId);
    this.#typing.stop(conversationId);
    if (this.#connection.authenticated) await this.request('leave_conversation', { conversationId });
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
   * Leaves a group (`leave_group`): as {@link ChatClient#exitConversation} for its conversation (`left` is emitted).
   * When the owner leaves, the server hands the group to the earliest admin, else the earliest member.
   * @param {number} groupId
   */
  leaveGroup(groupId) {
    return this.#membership.leaveGroup(groupId);
  }

  /** Removes a member of a group (`remove_member`); listeners hear `member_left` (`removed`). @param {number} groupId @param {string} userId */
  removeMember(groupId, userId) {
    return this.#groups.remove(groupId, userId);
  }

  /** Adds users to a group (`add_members`); resolves with its conversation. @param {number} groupId @param {string[]} userIds @returns {Promise<Conversation>} */
  addMembers(groupId, userIds) {
    return this.#groups.add(groupId, userIds);
  }

  /** Gives a group participant a role (`set_role`; `owner` hands the group over). @param {number} groupId @param {string} userId @param {Role} role @returns {Promise<Participant>} */
  setRole(groupId, userId, role) {
    return this.#groups.setRole(groupId, userId, role);
  }

  /** Changes a group's name, description or `membersCanInvite` (`update_group`). @param {number} groupId @param {{ name?: string, description?: string | null, membersCanInvite?: boolean }} fields @returns {Promise<Group>} */
  updateGroup(groupId, fields) {
    return this.#groups.update(groupId, fields);
  }

  /** Replaces a group's invite code (`rotate_invite`). @param {number} groupId @param {{ expiresInSeconds?: number, maxUses?: number }} [limits] @returns {Promise<Group>} */
  rotateInvite(groupId, limits) {
    return this.#groups.rotateInvite(groupId, limits);
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
    this.#catchUp.accept(conversationId, ack.messages, 'history', { track: beforeSeq === undefined });
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
   * @param {{ replyToSeq?: number | null }} [options] replyToSeq: the message of the same conversation it answers
   *   (the stored message's `replyTo` quotes it)
   * @returns {Promise<OutboxEntry>} once stored in the outbox (not yet sent)
   */
  sendMessage(conversationId, content, { replyToSeq = null } = {}) {
    this.stopTyping(conversationId);
    return this.#outbox.enqueue(conversationId, content, { replyToSeq });
  }

  /**
   * Replaces the text of one of the user's messages (`edit_message`), through the outbox: made offline, the edit
   * waits and goes out in order after the reconnect. The ack's message (with `editedAt`) reaches `messages`
   * listeners (source `ack`); the others' connections get `message_updated`.
   * @param {number} conversationId @param {number} seq @param {string} content
   * @returns {Promise<OutboxEntry>} once stored in the outbox (not yet sent)
   */
  editMessage(conversationId, seq, content) {
    return this.#outbox.enqueueChange(conversationId, { kind: 'edit', seq, content });
  }

  /**
   * Deletes a message for everyone (`delete_message`: its text is erased; it keeps its place), through the outbox.
   * The sender may; in a group also its owner and admins.
   * @param {number} conversationId @param {number} seq
   * @returns {Promise<OutboxEntry>} once stored in the outbox
   */
  deleteMessage(conversationId, seq) {
    return this.#outbox.enqueueChange(conversationId, { kind: 'delete', seq });
  }

  /**
   * Reacts to a message with an emoji (`add_reaction`), through the outbox; one the user already has changes nothing.
   * @param {number} conversationId @param {number} seq @param {string} emoji one emoji or a `:shortcode:`
   * @returns {Promise<OutboxEntry>} once stored in the outbox
   */
  addReaction(conversationId, seq, emoji) {
    return this.#outbox.enqueueChange(conversationId, { kind: 'add_reaction', seq, emoji });
  }

  /**
   * Takes the user's reaction back (`remove_reaction`), through the outbox; one they do not have changes nothing.
   * @param {number} conversationId @param {number} seq @param {string} emoji
   * @returns {Promise<OutboxEntry>} once stored in the outbox
   */
  removeReaction(conversationId, seq, emoji) {
    return this.#outbox.enqueueChange(conversationId, { kind: 'remove_reaction', seq, emoji });
  }

  /**
   * Full-text search over the conversations the user takes part in (`search_messages`), newest first; deleted
   * messages are never found. Read the next page with `before: nextCursor` while `hasMore`.
   * @param {{ query: string, conversationId?: number, limit?: number, before?: string | null }} search
   * @returns {Promise<SearchResults>}
   */
  async searchMessages({ query, conversationId, limit, before }) {
    const { results, hasMore, nextCursor } = await this.request('search_messages', {
      query,
      conversationId,
      limit,
      before: before ?? undefined
    });
    return { results, hasMore, nextCursor: nextCursor ?? null };
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
    if (this.#connection.status === 'live') this.#typing.typing(conversationId);
  }

  /** The user sent or left the input: sends `typing_stop` if a start was sent. @param {number} conversationId */
  stopTyping(conversationId) {
    this.#typing.stop(conversationId);
  }
}
