import { ChatError } from './errors.js';

/** @typedef {import('./types.js').BlockedUser} BlockedUser */
/** @typedef {import('./types.js').MemberLeft} MemberLeft */
/** @typedef {import('./types.js').Left} Left */

/**
 * Membership and consent (protocol.md: `exit_conversation`, `leave_group`, `block_user`, `unblock_user`,
 * `load_blocked_users`, `member_left`): the requests, and knowing which conversations the signed-in user has left
 * (and which conversation is a group's: `leave_group` names the group, the client forgets its conversation).
 *
 * Once the user is out of a conversation the server sends nothing more of it and refuses every request about it,
 * so the client forgets it whole (`forget`, given by the client: its cursor, else every `sync` would carry it; its
 * room, else every reconnect would try to re-join it; typing; and its unsent messages, which fail at once instead
 * of waiting for a certain refusal). Answers already on their way may still name it (a `sync` sent before the
 * exit): {@link Membership#isGone} lets the client drop them. A group can be joined again with an invite code, so
 * a conversation counts as present again as soon as the server shows the user in it.
 */
export class Membership {
  /** @type {Set<number>} conversations the user left and has not joined again */
  #gone = new Set();
  /** @type {Map<number, number>} group id → its conversation, learned from conversation objects */
  #groups = new Map();
  #request;
  #emit;
  #forget;
  #me;

  /**
   * @param {{
   *   request: (type: string, payload?: Record<string, unknown>) => Promise<any>,
   *   emit: (type: any, payload: any) => void,
   *   forget: (conversationId: number) => void,
   *   me: () => string | null
   * }} collaborators request: the client's request; emit: its events; forget: drops what the client keeps of a
   *   conversation; me: the signed-in user
   */
  constructor({ request, emit, forget, me }) {
    this.#request = request;
    this.#emit = emit;
    this.#forget = forget;
    this.#me = me;
  }

  /** @param {number} conversationId @returns {boolean} whether the user left it */
  isGone(conversationId) {
    return this.#gone.has(conversationId);
  }

  /**
   * The server showed the user in a conversation (joined again, or created).
   * @param {number} conversationId @param {number | null} [groupId] the group that owns it, if any
   */
  present(conversationId, groupId = null) {
    this.#gone.delete(conversationId);
    if (groupId !== null && groupId !== undefined) this.#groups.set(groupId, conversationId);
  }

  /** @param {number} groupId @returns {number | undefined} the group's conversation, if the client saw it */
  conversationOf(groupId) {
    return this.#groups.get(groupId);
  }

  /**
   * Ends the user's membership of a group or ad-hoc conversation (direct ones cannot be left: block the user).
   * A conversation the server says the user is not in (FORBIDDEN: left on another device, the event missed) is
   * what the user asked for, so that counts as done too.
   * @param {number} conversationId
   */
  async exit(conversationId) {
    try {
      await this.#request('exit_conversation', { conversationId });
    } catch (error) {
      if (!(error instanceof ChatError) || error.code !== 'FORBIDDEN') throw error;
    }
    this.#left(conversationId, 'left', false);
  }

  /**
   * Leaves a group (`leave_group`); its conversation is forgotten as after {@link Membership#exit}. Answered
   * FORBIDDEN or NOT_FOUND — the user is not in it any more (left or removed elsewhere, the event missed) — it
   * counts as done too.
   * @param {number} groupId
   */
  async leaveGroup(groupId) {
    try {
      await this.#request('leave_group', { groupId });
    } catch (error) {
      if (!(error instanceof ChatError) || (error.code !== 'FORBIDDEN' && error.code !== 'NOT_FOUND')) throw error;
    }
    const conversationId = this.#groups.get(groupId);
    if (conversationId !== undefined) this.#left(conversationId, 'left', false);
  }

  /**
   * A `member_left` event: reported as such; when it names the user, another device of theirs left, or an owner or
   * admin removed them (`reason: "removed"`).
   * @param {MemberLeft} event
   */
  memberLeft(event) {
    this.#emit('member_left', event);
    if (event.userId === this.#me()) this.#left(event.conversationId, event.reason ?? 'left', true);
  }

  /**
   * Re-joining a room after a reconnect was refused (FORBIDDEN): the user left while this client was away.
   * @param {number} conversationId
   */
  refused(conversationId) {
    this.#left(conversationId, 'not_a_participant', true);
  }

  /** @param {string} userId */
  async block(userId) {
    await this.#request('block_user', { userId });
  }

  /** @param {string} userId */
  async unblock(userId) {
    await this.#request('unblock_user', { userId });
  }

  /** @returns {Promise<BlockedUser[]>} */
  async loadBlocked() {
    const { users } = await this.#request('load_blocked_users');
    this.#emit('blocked_users', users);
    return users;
  }

  /** @param {number} conversationId @param {string} reason @param {boolean} elsewhere */
  #left(conversationId, reason, elsewhere) {
    this.#gone.add(conversationId);
    this.#forget(conversationId);
    /** @type {Left} */
    const left = { conversationId, reason, elsewhere };
    this.#emit('left', left);
  }
}
