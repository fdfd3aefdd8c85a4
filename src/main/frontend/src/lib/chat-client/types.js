/**
 * Shapes of the protocol objects (docs/protocol.md §6) and of the client's own state. JSDoc only: this module
 * exports nothing at run time.
 *
 * A message. `rev`: the conversation's revision of the message's latest change (its send, an edit, its deletion, a
 * reaction); of two copies of one message (same `seq`), the one with the higher `rev` is the newer. A deleted message
 * keeps its `seq` and `id`, with `content` `""`, no reactions and `deletedAt` set. The fields after `clientMessageId`
 * are missing from servers older than protocol.md's message lifecycle.
 * @typedef {{
 *   id: number, conversationId: number, seq: number, senderId: string, content: string,
 *   createdAt: string, clientMessageId: string | null,
 *   editedAt?: string | null, deletedAt?: string | null, replyTo?: ReplyTo | null, reactions?: Reaction[], rev?: number
 * }} Message
 *
 * A group participant's `role` (`null` in direct and ad-hoc conversations): exactly one `owner` per group.
 * @typedef {'owner' | 'admin' | 'member'} Role
 *
 * What a reply quotes: the message it answers, its sender and its first 100 characters as they are now (`""` once
 * that message was deleted).
 * @typedef {{ seq: number, senderId: string, excerpt: string }} ReplyTo
 *
 * One emoji on a message and who reacted with it, in the order they did.
 * @typedef {{ emoji: string, userIds: string[] }} Reaction
 *
 * A change to a stored message, as the outbox keeps it until the server acknowledged it.
 * @typedef {{ kind: 'edit', seq: number, content: string }
 *   | { kind: 'delete', seq: number }
 *   | { kind: 'add_reaction' | 'remove_reaction', seq: number, emoji: string }} ChangeRequest
 *
 * What `search_messages` answers: messages newest first; `nextCursor` (opaque) reads the next page, passed back as
 * `before`, while `hasMore`.
 * @typedef {{ results: Message[], hasMore: boolean, nextCursor: string | null }} SearchResults
 *
 * @typedef {{
 *   userId: string, displayName: string, online: boolean, lastSeenAt: string | null, role?: Role | null
 * }} Participant
 *
 * `group`: the group as the viewer sees it, for a group's conversation (null otherwise); `inviteCode` follows the
 * group's visibility rule (null for a plain member when `membersCanInvite` is false).
 * @typedef {{
 *   id: number, type: 'direct' | 'group', title: string | null, groupId: number | null, inviteCode: string | null,
 *   createdAt: string,
 *   lastMessage: Message | null, lastSeq: number, lastReadSeq: number, unreadCount: number,
 *   participants: Participant[], group?: Group | null, lastRev?: number
 * }} Conversation
 *
 * `inviteCode` is null for a viewer who is a plain member when `membersCanInvite` is false; `inviteExpiresAt`,
 * `inviteMaxUses` bound the current code (null: no bound), `inviteUses` counts its uses.
 * @typedef {{
 *   id: number, conversationId: number, name: string, description: string | null, inviteCode: string | null,
 *   memberCount: number, createdBy: string, createdAt: string, inviteExpiresAt?: string | null,
 *   inviteMaxUses?: number | null, inviteUses?: number, membersCanInvite?: boolean
 * }} Group
 *
 * `member_updated` (protocol.md §7): a participant's role changed.
 * @typedef {{ conversationId: number, groupId: number, participant: Partial<Participant> & { userId: string } }} MemberUpdated
 *
 * An answer of `search_users`.
 * @typedef {{ userId: string, displayName: string, online: boolean, lastSeenAt: string | null }} UserFound
 *
 * A page of `load_conversations` with a `limit`: pass `nextCursor` back as `before` for the next one.
 * @typedef {{ conversations: Conversation[], hasMore: boolean, nextCursor: string | null }} ConversationPage
 *
 * @typedef {{
 *   conversationId: number, messages: Message[], hasMore: boolean, lastSeq: number, lastReadSeq: number,
 *   readPositions: { userId: string, lastReadSeq: number }[],
 *   changed?: Message[], hasMoreChanges?: boolean, lastRev?: number
 * }} SyncEntry
 *
 * `member_left` (protocol.md §7): `userId` is no longer a participant; `reason` is `left` (they left) or `removed`
 * (an owner or admin removed them); others may come.
 * @typedef {{ conversationId: number, groupId: number | null, userId: string, reason: string }} MemberLeft
 *
 * The client's `left` event: the signed-in user is out of a conversation. `elsewhere`: another device (or session)
 * did it — a `member_left` about the user, or a re-join refused after a reconnect — rather than this client's
 * `exitConversation` or `leaveGroup`. `reason`: the event's (`removed`: an owner or admin removed the user), `left`
 * for `exitConversation` and `leaveGroup`, `not_a_participant` for a refused re-join.
 * @typedef {{ conversationId: number, reason: string, elsewhere: boolean }} Left
 *
 * An entry of `load_blocked_users`; `displayName` is null for an id that never signed in.
 * @typedef {{ userId: string, displayName: string | null, blockedAt: string }} BlockedUser
 *
 * A message waiting in the outbox — or, with `kind` other than `send`, a change to the stored message `seq`: an edit
 * (`content`), a deletion, a reaction (`emoji`) added or removed; for those `clientMessageId` is only the entry's
 * key, never sent. `kind` is missing from entries stored before changes existed (sends). `status` is `pending` until the server acknowledges it (then the entry is
 * removed) or `failed` after an error that retrying cannot fix (`error` says which). A pending entry carries the
 * last retryable refusal (`RATE_LIMITED`, `UNAVAILABLE`) in `error` while it is retried, so the user sees why it
 * waits; a successful send or a retry clears it.
 * @typedef {{
 *   clientMessageId: string, scope: string, conversationId: number, content: string,
 *   kind?: 'send' | 'edit' | 'delete' | 'add_reaction' | 'remove_reaction', seq?: number, emoji?: string,
 *   replyToSeq?: number, createdAt: number, order: number, attempts: number,
 *   status: 'pending' | 'failed', error: { code: string, message: string } | null
 * }} OutboxEntry
 *
 * @typedef {'connecting' | 'authenticating' | 'syncing' | 'live' | 'offline' | 'backoff'} ConnectionStatus
 *
 * The connection's state as the `status` event reports it.
 * - `nextAttemptAt`: epoch ms of the next connection attempt (in `backoff`, and in `offline` when a slow
 *   probe is scheduled), else null;
 * - `waitingForToken`: the server refused the token (close 4401 or UNAUTHORIZED): the client reconnects only
 *   once `getToken()` yields another token, or after {@link ChatClient#reconnect};
 * - `stopped`: `disconnect()` was called (or `connect()` never was);
 * - `unreachable`: handshakes fail before opening, even without a token: the server is down, or starting (it
 *   answers 404 or 503 until the application is deployed); retried every `quickMs` at most. False once a socket
 *   opens;
 * - `lastClose`: the last close code and reason seen.
 * @typedef {{
 *   status: ConnectionStatus, userId: string | null, connectionId: string | null, attempt: number,
 *   nextAttemptAt: number | null, waitingForToken: boolean, stopped: boolean, online: boolean,
 *   unreachable: boolean, lastClose: { code: number, reason: string } | null
 * }} ConnectionState
 *
 * The client's events (`client.on(type, listener)`) and their payloads; docs/client.md, "Events".
 * @typedef {{
 *   status: ConnectionState,
 *   authenticated: { userId: string, connectionId: string },
 *   disconnected: { code: number, reason: string },
 *   messages: { conversationId: number, messages: Message[], source: 'live' | 'ack' | 'sync' | 'history' | 'update' | 'cache' },
 *   conversations: Conversation[],
 *   conversation: { conversation: Conversation, group?: Group, announced?: boolean },
 *   group: Group,
 *   joined: { conversation: Conversation, online: string[], typing: string[] },
 *   sync: SyncEntry,
 *   reset: { conversationId: number, lastSeq: number },
 *   read: { conversationId: number, lastReadSeq: number, unreadCount: number },
 *   member_joined: { conversationId: number, groupId: number, user: { userId: string, displayName: string } },
 *   member_left: MemberLeft,
 *   member_updated: MemberUpdated,
 *   group_updated: { group: Group },
 *   conversation_page: ConversationPage & { before: string | null },
 *   left: Left,
 *   blocked_users: BlockedUser[],
 *   typing: { conversationId: number, userId: string, typing: boolean },
 *   presence: { userId: string, status: 'online' | 'offline', lastSeenAt: string | null },
 *   read_receipt: { conversationId: number, userId: string, seq: number, readAt: string },
 *   outbox: OutboxEntry[],
 *   error: Error,
 *   event: { type: string, payload: any }
 * }} ClientEvents
 *
 * The options of a ChatClient; docs/client.md, "Options".
 * - `url`: the WebSocket URL (or a function giving it, read on every connect);
 * - `getToken`: the current access token, called on every (re)connect and before it expires; `refresh` is true
 *   when the last token was refused or is about to expire (fetch a new one rather than a cached one);
 * - `userId`: the signed-in user, when known before connecting (shows their unsent messages at once);
 * - `requestTimeoutMs`: default 15000; `connectTimeoutMs`: from opening to signed in, default 15000;
 * - `backoff`: reconnect waits (default base 1000, max 30000, full jitter; quickMs 1000: the most a retry waits
 *   while no handshake completes; slowMs 5000: the least wait after the server said "too many", 4429);
 * - `stableAfterMs`: how long a connection must stay up before the backoff starts over (default 10000);
 * - `refresh`: when to re-send `auth` (default 80 % of the time left, at least 60 s before `exp`);
 * - `syncLimit`: messages per conversation per `sync` (default 100); `maxCatchUp`: beyond this many missed
 *   messages a conversation is reset to its newest page instead of caught up (default 1000);
 * - `typingIntervalMs`: the least time between two `typing_start` of one conversation (default 3000);
 * - `outbox`: storage (default IndexedDB) and bounds (default 500 messages, 4000 characters each);
 * - `cache`: the message cache (default IndexedDB, 200 messages per conversation, written 1 s after a change);
 *   `false` keeps none;
 * - `maxFrameBytes`: larger requests are refused locally (default 65536: the server would close with 1009);
 * - `WebSocket`, `window`, `document`, `navigator`, `random`: injectable for tests.
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
 *   outbox?: { storage?: import('./outbox-storage.js').OutboxStorage, maxEntries?: number, maxChars?: number },
 *   cache?: false | { storage?: import('./cache-storage.js').CacheStorage, maxMessagesPerConversation?: number,
 *     flushDelayMs?: number },
 *   maxFrameBytes?: number,
 *   random?: () => number,
 *   window?: any, document?: any, navigator?: any
 * }} ChatClientOptions
 */
export {};
