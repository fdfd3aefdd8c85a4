/**
 * The chat state: its shape, where it starts, and who is signed in and which conversation is shown. The other
 * modules of this folder change and read it; `../chat-reducers.js` gathers them.
 *
 * @typedef {import('../../chat-client/types.js').Message} Message
 * @typedef {import('../../chat-client/types.js').Conversation} Conversation
 * @typedef {import('../../chat-client/types.js').Group} Group
 * @typedef {import('../../chat-client/types.js').OutboxEntry} OutboxEntry
 * @typedef {import('../../chat-client/types.js').SyncEntry} SyncEntry
 * @typedef {import('../../chat-client/types.js').BlockedUser} BlockedUser
 *
 * A conversation that disappeared because the user left it elsewhere (another device): what the UI tells them.
 * `unsent`: how many of their messages to it were still waiting (they are not sent); `reason`: the client's (`left`,
 * `not_a_participant`, or another the server may add).
 * @typedef {{ conversationId: number, title: string, unsent: number, reason: string }} LeftNotice
 *
 * Messages of one conversation: `items` ascending by seq without doubles; `hasOlder` is null until a page
 * told; `loaded` once the newest page was read.
 * @typedef {{ items: Message[], hasOlder: boolean | null, loaded: boolean }} MessageList
 *
 * @typedef {{
 *   me: string | null,
 *   conversations: Record<number, Conversation>,
 *   messages: Record<number, MessageList>,
 *   pending: OutboxEntry[],
 *   changes: OutboxEntry[],
 *   typing: Record<number, string[]>,
 *   presence: Record<string, { online: boolean, lastSeenAt: string | null }>,
 *   names: Record<string, string>,
 *   reads: Record<number, Record<string, number>>,
 *   groups: Record<number, Group>,
 *   selected: number | null,
 *   blocked: BlockedUser[],
 *   blockedLoaded: boolean,
 *   notices: LeftNotice[],
 *   saved: boolean
 * }} ChatState
 *
 * A row of the message view: a stored message (with its read state when it is the user's own) or a message
 * still in the outbox. `message` shows the user's changes still in the outbox (an edit, a deletion, reactions)
 * as if made; `changes` are those entries (pending, or failed with their error); `quote` is what a reply quotes,
 * from the replied-to message as held when it is (fresher than the excerpt of the reply's own copy).
 * @typedef {{ kind: 'message', key: string, message: Message, mine: boolean, receipt: Receipt | null,
 *   changes?: OutboxEntry[], quote?: Quote | null }
 *   | { kind: 'pending', key: string, entry: OutboxEntry, mine: true, quote?: Quote | null }} MessageRow
 *
 * @typedef {{ seq: number, senderId: string, excerpt: string, deleted: boolean }} Quote
 *
 * @typedef {{ status: 'sent' | 'read-some' | 'read', readBy: string[], of: number }} Receipt
 */

/** @type {MessageList} */
export const EMPTY_LIST = Object.freeze({ items: [], hasOlder: null, loaded: false });

/** @param {string | null} [me] @param {number | null} [selected] @returns {ChatState} */
export function initialState(me = null, selected = null) {
  return {
    me, conversations: {}, messages: {}, pending: [], typing: {}, presence: {}, names: {}, reads: {}, groups: {},
    selected, blocked: [], blockedLoaded: false, notices: [],
    changes: [], saved: false
  };
}

/** The conversation the user shows, or null. @param {ChatState} state @param {number | null} id @returns {ChatState} */
export function conversationSelected(state, id) {
  return state.selected === id ? state : { ...state, selected: id };
}

/**
 * Messages saved by the client's cache show (`true`), or the connection caught up since (`false`).
 * @param {ChatState} state @param {boolean} saved @returns {ChatState}
 */
export function savedShown(state, saved) {
  return state.saved === saved ? state : { ...state, saved };
}

/** @param {ChatState} state @param {string} me @returns {ChatState} */
export function signedIn(state, me) {
  return state.me === me ? state : { ...state, me };
}
