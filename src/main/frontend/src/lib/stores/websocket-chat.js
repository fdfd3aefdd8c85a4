import { derived, get, readable, writable } from 'svelte/store';
import * as r from './chat-reducers.js';

/** @typedef {import('../chat-client/client.js').ChatClient} ChatClient */
/** @typedef {import('../chat-client/types.js').ConnectionState} ConnectionState */
/** @typedef {import('../chat-client/types.js').Group} Group */
/** @typedef {import('../chat-client/types.js').Conversation} Conversation */
/** @typedef {import('./chat-reducers.js').ChatState} ChatState */
/** @typedef {import('./chat-reducers.js').MessageRow} MessageRow */

const PAGE_SIZE = 50;

/**
 * Svelte stores over a {@link ChatClient}: connection status, conversations with unread counts and last message,
 * messages per conversation (the user's unsent ones included, reconciled by clientMessageId), typing users,
 * presence and read receipts — and the actions of a chat UI. All state changes go through the pure reducers of
 * `chat-reducers.js`.
 *
 * @param {ChatClient} client
 * @param {{ userId?: string | null, pageSize?: number, selected?: number | null }} [options] userId: the signed-in
 *   user, when known before the connection says so; selected: the conversation shown at first (e.g. restored)
 */
export function createChatStore(client, { userId = null, pageSize = PAGE_SIZE, selected = null } = {}) {
  const state = writable(r.outboxChanged(r.initialState(userId, selected), client.outbox));
  /** @param {(s: ChatState) => ChatState} reducer */
  const apply = (reducer) => state.update(reducer);

  const status = writable(/** @type {ConnectionState} */ (client.state));
  /** @type {import('svelte/store').Writable<Error | null>} the latest error of background work */
  const lastError = writable(null);
  /**
   * The message a view should bring into sight and highlight (a search result, a quoted message), or null; `at`
   * tells two requests for the same message apart.
   * @type {import('svelte/store').Writable<{ conversationId: number, seq: number, at: number } | null>}
   */
  const focus = writable(null);
  /** @type {Set<number>} conversations whose page is being read */
  const loading = new Set();
  let refreshingList = false;

  /** Reloads the list when a message names a conversation the state does not know yet. */
  function refreshList() {
    if (refreshingList) return;
    refreshingList = true;
    client
      .loadConversations()
      .catch(() => {})
      .finally(() => (refreshingList = false));
  }

  /**
   * Drops the unsent messages to a conversation the user left: the client failed them (they can never be sent),
   * and no view shows that conversation any more to offer Retry or Discard.
   * @param {number} conversationId
   */
  function discardUnsent(conversationId) {
    const { pending, changes } = get(state);
    for (const entry of [...pending, ...changes]) {
      if (entry.conversationId === conversationId) void client.discardMessage(entry.clientMessageId);
    }
  }

  const unsubscribe = [
    client.on('status', (s) => {
      status.set(s);
      if (s.status === 'live') apply((state) => r.savedShown(state, false));
    }),
    client.on('authenticated', ({ userId: me }) => {
      apply((s) => r.signedIn(s, me));
      // Blocks made on another device are not announced: read the list on every connection. Failing here only
      // leaves the previous list (the blocked users dialog reads it again when opened).
      client.loadBlockedUsers().catch(() => {});
    }),
    client.on('disconnected', () => apply(r.connectionLost)),
    client.on('conversations', (list) => apply((s) => r.conversationsLoaded(s, list))),
    client.on('conversation', ({ conversation, announced }) => apply((s) => r.conversationUpdated(s, conversation, { announced }))),
    client.on('group', (group) => apply((s) => r.groupKnown(s, group))),
    client.on('joined', (ack) => apply((s) => r.conversationJoined(s, ack))),
    client.on('messages', ({ conversationId, messages, source }) => {
      apply((s) => r.messagesReceived(s, conversationId, messages));
      // Saved messages come before the connection: the list loads with it anyway.
      if (source === 'cache') apply((s) => r.savedShown(s, true));
      else if (!get(state).conversations[conversationId]) refreshList();
    }),
    client.on('sync', (entry) => apply((s) => r.syncApplied(s, entry))),
    client.on('reset', ({ conversationId }) => apply((s) => r.conversationReset(s, conversationId))),
    client.on('read', (ack) => apply((s) => r.markedRead(s, ack))),
    client.on('outbox', (entries) => apply((s) => r.outboxChanged(s, entries))),
    client.on('typing', (event) => apply((s) => r.typingChanged(s, event))),
    client.on('presence', (event) => apply((s) => r.presenceChanged(s, event))),
    client.on('read_receipt', (event) => apply((s) => r.readReceipt(s, event))),
    client.on('member_joined', (event) => apply((s) => r.memberJoined(s, event))),
    client.on('member_left', (event) => apply((s) => r.memberLeft(s, event))),
    client.on('member_updated', (event) => {
      apply((s) => r.memberUpdated(s, event));
      // The user's own role changed: what they may see of the group (its invite code) changed with it.
      if (event.participant?.userId === get(state).me) refreshList();
    }),
    client.on('group_updated', ({ group }) => apply((s) => r.groupUpdated(s, group))),
    client.on('conversation_page', (page) => apply((s) => r.conversationPageLoaded(s, page))),
    client.on('left', ({ conversationId, elsewhere, reason }) => {
      apply((s) => r.conversationLeft(s, { conversationId, elsewhere, reason }));
      // Left here, the user confirmed it; left elsewhere, the notice tells them first (see dismissNotice).
      if (!elsewhere) discardUnsent(conversationId);
    }),
    client.on('blocked_users', (users) => apply((s) => r.blockedUsersLoaded(s, users))),
    client.on('error', (error) => lastError.set(error))
  ];

  const conversations = derived(state, r.selectConversationList);

  /** @type {Map<number, import('svelte/store').Readable<MessageRow[]>>} */
  const rowStores = new Map();
  /** @type {Map<number, import('svelte/store').Readable<string[]>>} */
  const typingStores = new Map();

  return {
    /** The whole state, for views that need more than the slices below. */
    state: { subscribe: state.subscribe },
    /** The connection: status (connecting, authenticating, syncing, live, offline, backoff), next attempt… */
    status: { subscribe: status.subscribe },
    /** The latest error of background work (token refresh, catch-up, storage), or null. */
    lastError: { subscribe: lastError.subscribe, clear: () => lastError.set(null) },
    /** Conversations, newest activity first, with title, unread count, last message and presence. */
    conversations,
    /** Total unread messages. */
    unreadTotal: derived(conversations, (list) => list.reduce((n, c) => n + c.unreadCount, 0)),
    /** Users typing, per conversation. */
    typing: derived(state, (s) => s.typing),
    /** Ids of the users known to be online. */
    onlineUsers: derived(state, r.selectOnlineUsers),
    /** Read positions: conversation → user → last read seq. */
    receipts: derived(state, (s) => s.reads),
    /** Whether saved messages (the client's cache) show and the connection has not caught up since: they may be behind. */
    saved: derived(state, (s) => s.saved),
    /** Messages waiting in the outbox (pending or failed). */
    outbox: derived(state, (s) => s.pending),
    /** Groups whose invite code this session learned (create or join), by conversation id. */
    groups: derived(state, (s) => s.groups),
    /** The conversation shown, or null (cleared when the user leaves it, here or elsewhere). */
    selected: derived(state, (s) => s.selected),
    /** The users the user blocked, oldest first: `{ userId, name, blockedAt }` (name null if never seen). */
    blocked: derived(state, r.selectBlockedUsers),
    /** Conversations that went because the user left them elsewhere: `{ conversationId, title, unsent, reason }`. */
    notices: derived(state, (s) => s.notices),

    /**
     * The rows of one conversation's message view (stored messages by seq, then unsent ones).
     * @param {number} conversationId
     */
    messages(conversationId) {
      let store = rowStores.get(conversationId);
      if (!store) rowStores.set(conversationId, (store = derived(state, (s) => r.selectMessageRows(s, conversationId))));
      return store;
    },

    /**
     * The names of the users typing in one conversation.
     * @param {number} conversationId
     */
    typingNames(conversationId) {
      let store = typingStores.get(conversationId);
      if (!store) typingStores.set(conversationId, (store = derived(state, (s) => r.selectTypingNames(s, conversationId))));
      return store;
    },

    /**
     * Whether a conversation may have older messages to load, and whether its newest page was read.
     * @param {number} conversationId
     */
    history(conversationId) {
      return derived(state, (s) => {
        const list = s.messages[conversationId];
        return { loaded: list?.loaded ?? false, hasOlder: list?.hasOlder ?? null };
      });
    },

    // ---- actions -------------------------------------------------------------------------------------------

    /** Shows a conversation (or none). @param {number | null} conversationId */
    select: (conversationId) => apply((s) => r.conversationSelected(s, conversationId)),

    /** Connects (and keeps reconnecting). */
    connect: () => client.connect(),

    /** Disconnects; the unsent messages stay in the outbox. */
    disconnect: () => client.disconnect(),

    /** Disconnects and detaches the stores from the client. */
    destroy() {
      client.disconnect();
      for (const off of unsubscribe) off();
    },

    /**
     * Shows a conversation: joins its room (typing, presence; again after every reconnect) and reads its newest
     * page the first time.
     * @param {number} conversationId
     */
    async open(conversationId) {
      const join = client.joinConversation(conversationId);
      if (!get(state).messages[conversationId]?.loaded) await this.loadNewest(conversationId);
      await join;
    },

    /**
     * Stops showing a conversation: leaves its room and ends the user's typing there.
     * @param {number} conversationId
     */
    async close(conversationId) {
      await client.leaveConversation(conversationId).catch(() => {});
    },

    /** @param {number} conversationId */
    async loadNewest(conversationId) {
      if (loading.has(conversationId)) return;
      loading.add(conversationId);
      try {
        const { messages, hasMore } = await client.loadMessages(conversationId, { limit: pageSize });
        apply((s) => r.pageLoaded(s, conversationId, messages, hasMore));
      } finally {
        loading.delete(conversationId);
      }
    },

    /**
     * Reads the page before the oldest message shown (infinite scroll upward).
     * @param {number} conversationId
     * @returns {Promise<boolean>} whether older messages may remain
     */
    async loadOlder(conversationId) {
      const list = get(state).messages[conversationId];
      if (!list?.loaded) {
        await this.loadNewest(conversationId);
        return get(state).messages[conversationId]?.hasOlder ?? false;
      }
      if (list.hasOlder === false || loading.has(conversationId)) return list.hasOlder !== false;
      const beforeSeq = list.items[0]?.seq;
      if (beforeSeq === undefined || beforeSeq <= 1) {
        apply((s) => r.pageLoaded(s, conversationId, [], false));
        return false;
      }
      loading.add(conversationId);
      try {
        const { messages, hasMore } = await client.loadMessages(conversationId, { beforeSeq, limit: pageSize });
        apply((s) => r.pageLoaded(s, conversationId, messages, hasMore));
        return hasMore;
      } finally {
        loading.delete(conversationId);
      }
    },

    /**
     * Sends a message through the outbox; it shows as pending at once.
     * @param {number} conversationId @param {string} content
     */
    sendMessage: (conversationId, content) => client.sendMessage(conversationId, content),

    /**
     * Sends a reply: the stored message quotes message `replyToSeq` of the same conversation.
     * @param {number} conversationId @param {string} content @param {number} replyToSeq
     */
    reply: (conversationId, content, replyToSeq) => client.sendMessage(conversationId, content, { replyToSeq }),

    /**
     * Edits one of the user's messages through the outbox; the view shows the new text at once (marked edited).
     * @param {number} conversationId @param {number} seq @param {string} content
     */
    editMessage: (conversationId, seq, content) => client.editMessage(conversationId, seq, content),

    /** Deletes a message for everyone, through the outbox. @param {number} conversationId @param {number} seq */
    deleteMessage: (conversationId, seq) => client.deleteMessage(conversationId, seq),

    /**
     * Adds the user's reaction, or takes it back when they have it (as shown, their changes on the way included).
     * @param {number} conversationId @param {number} seq @param {string} emoji
     */
    toggleReaction(conversationId, seq, emoji) {
      return r.hasReacted(get(state), conversationId, seq, emoji)
        ? client.removeReaction(conversationId, seq, emoji)
        : client.addReaction(conversationId, seq, emoji);
    },

    /**
     * Searches the user's conversations (newest first); pass `nextCursor` back as `before` for more.
     * @param {{ query: string, conversationId?: number, limit?: number, before?: string | null }} search
     */
    searchMessages: (search) => client.searchMessages(search),

    /** The message to bring into sight and highlight, or null. */
    focus: { subscribe: focus.subscribe },

    /**
     * Opens a conversation at one of its messages: it is selected, and its view scrolls to the message (reading
     * older pages until it is there) and highlights it.
     * @param {number} conversationId @param {number} seq
     */
    showMessage(conversationId, seq) {
      apply((s) => r.conversationSelected(s, conversationId));
      focus.set({ conversationId, seq, at: Date.now() });
    },

    /** The view brought the focused message into sight (or gave up). */
    clearFocus: () => focus.set(null),

    /**
     * Reads older pages until message `seq` is held (or the conversation has no older ones).
     * @param {number} conversationId @param {number} seq
     * @returns {Promise<boolean>} whether it is held now
     */
    async loadUntil(conversationId, seq) {
      const held = () => (get(state).messages[conversationId]?.items[0]?.seq ?? Infinity) <= seq;
      if (!get(state).messages[conversationId]?.loaded) await this.loadNewest(conversationId);
      while (!held()) {
        // A page already on its way (the list's own scrolling): wait for it rather than take its answer for "none".
        while (loading.has(conversationId)) await new Promise((resolve) => setTimeout(resolve, 50));
        if (held()) break;
        const before = get(state).messages[conversationId]?.items[0]?.seq;
        const more = await this.loadOlder(conversationId);
        if (!more && !held()) return false;
        if (get(state).messages[conversationId]?.items[0]?.seq === before) return held(); // nothing came
      }
      return get(state).messages[conversationId]?.items.some((m) => m.seq === seq) ?? false;
    },

    /** @param {string} clientMessageId */
    retryMessage: (clientMessageId) => client.retryMessage(clientMessageId),

    /** @param {string} clientMessageId */
    discardMessage: (clientMessageId) => client.discardMessage(clientMessageId),

    /**
     * Creates a group; resolves with it (its invite code included) once its conversation is known.
     * @param {{ name: string, description?: string | null }} group
     * @returns {Promise<Group>}
     */
    async createGroup(group) {
      const created = await client.createGroup(group);
      await client.joinConversation(created.conversationId);
      return created;
    },

    /**
     * Joins a group by invite code; resolves with its conversation.
     * @param {string} inviteCode
     * @returns {Promise<Conversation>}
     */
    async joinGroup(inviteCode) {
      const { conversation } = await client.joinGroup(inviteCode.trim());
      return conversation;
    },

    /**
     * Starts (or finds) a direct conversation, or a titled one with several users.
     * @param {{ participantIds: string[], title?: string | null }} conversation
     * @returns {Promise<Conversation>}
     */
    createConversation: (conversation) => client.createConversation(conversation),

    /**
     * Leaves a group or ad-hoc conversation for good (`exit_conversation`): it goes from the list and the
     * selection, and the user's unsent messages to it are dropped.
     * @param {number} conversationId
     */
    exitConversation: (conversationId) => client.exitConversation(conversationId),

    /**
     * Leaves a group (`leave_group`): it goes from the list and the selection, and the user's unsent messages to it
     * are dropped (they confirmed).
     * @param {number} groupId
     */
    leaveGroup: (groupId) => client.leaveGroup(groupId),

    /** Removes a member (owner; admins remove plain members). @param {number} groupId @param {string} userId */
    removeMember: (groupId, userId) => client.removeMember(groupId, userId),

    /** Adds users to a group (owner, admin). @param {number} groupId @param {string[]} userIds */
    addMembers: (groupId, userIds) => client.addMembers(groupId, userIds),

    /**
     * Gives a member a role (the owner only): `admin`, `member`, or `owner` to hand the group over.
     * @param {number} groupId @param {string} userId @param {import('../chat-client/types.js').Role} role
     */
    setRole: (groupId, userId, role) => client.setRole(groupId, userId, role),

    /**
     * Renames a group, changes its description or who may see its invite code (owner, admin).
     * @param {number} groupId @param {{ name?: string, description?: string | null, membersCanInvite?: boolean }} fields
     */
    updateGroup: (groupId, fields) => client.updateGroup(groupId, fields),

    /**
     * A new invite code for a group (owner, admin); the old one stops working.
     * @param {number} groupId @param {{ expiresInSeconds?: number, maxUses?: number }} [limits]
     */
    rotateInvite: (groupId, limits) => client.rotateInvite(groupId, limits),

    /**
     * Users whose name or id has a word starting with `query` (the user excluded).
     * @param {string} query @param {{ limit?: number }} [options]
     */
    searchUsers: (query, options) => client.searchUsers(query, options),

    /**
     * Blocks a user; once the server acknowledged it, the list of blocked users has them.
     * @param {string} userId
     */
    async blockUser(userId) {
      await client.blockUser(userId);
      apply((s) => r.userBlocked(s, { userId, blockedAt: new Date().toISOString() }));
    },

    /** Lifts a block. @param {string} userId */
    async unblockUser(userId) {
      await client.unblockUser(userId);
      apply((s) => r.userUnblocked(s, userId));
    },

    /** Reads the list of blocked users again (the `blocked` store follows). */
    loadBlockedUsers: () => client.loadBlockedUsers(),

    /**
     * The user read the notice about a conversation they left elsewhere; its unsent messages go with it.
     * @param {number} conversationId
     */
    dismissNotice(conversationId) {
      discardUnsent(conversationId);
      apply((s) => r.noticeDismissed(s, conversationId));
    },

    /**
     * Marks a conversation read up to `seq` (default: its newest message); only moves forward.
     * @param {number} conversationId @param {number} [seq]
     */
    async markRead(conversationId, seq) {
      const conversation = get(state).conversations[conversationId];
      if (!conversation) return;
      const upTo = seq ?? conversation.lastSeq;
      if (upTo <= conversation.lastReadSeq) return;
      apply((s) => r.markedRead(s, { conversationId, lastReadSeq: upTo }));
      await client.markRead(conversationId, upTo).catch((error) => lastError.set(error));
    },

    /**
     * The user typed in a conversation (sends `typing_start`, throttled). Named apart from the `typing` store
     * above: an action of the same name would replace the store in this object.
     * @param {number} conversationId
     */
    notifyTyping: (conversationId) => client.typing(conversationId),

    /** The user left the input. @param {number} conversationId */
    stopTyping: (conversationId) => client.stopTyping(conversationId),

    /** The client underneath, for what the stores do not cover. */
    client
  };
}

/** @typedef {ReturnType<typeof createChatStore>} ChatStore */

/**
 * A store of "now" that ticks every `intervalMs` while subscribed (for countdowns).
 * @param {number} [intervalMs]
 */
export function clock(intervalMs = 1000) {
  return readable(Date.now(), (set) => {
    const timer = setInterval(() => set(Date.now()), intervalMs);
    return () => clearInterval(timer);
  });
}
