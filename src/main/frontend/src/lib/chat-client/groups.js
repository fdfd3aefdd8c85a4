/** @typedef {import('./types.js').Conversation} Conversation */
/** @typedef {import('./types.js').Group} Group */
/** @typedef {import('./types.js').Participant} Participant */
/** @typedef {import('./types.js').Role} Role */

/**
 * Running a group (protocol.md: `remove_member`, `add_members`, `set_role`, `update_group`, `rotate_invite`): the
 * requests of its owner and admins. Leaving one is the user's own business: {@link Membership#leaveGroup}.
 *
 * The server tells every connection concerned except the requesting one (protocol.md §7), so each ack is told to
 * this client's listeners as the event the others get (`member_left`, `member_updated`, `group_updated`,
 * `conversation`): a view follows its own user's change the way it follows anyone else's.
 */
export class Groups {
  #request;
  #emit;
  #membership;
  #known;
  #me;

  /**
   * @param {{
   *   request: (type: string, payload?: Record<string, unknown>) => Promise<any>,
   *   emit: (type: any, payload: any) => void,
   *   membership: import('./membership.js').Membership,
   *   known: (conversation: Conversation) => void,
   *   me: () => string | null
   * }} collaborators membership: knows each group's conversation and takes `member_left`; known: a conversation
   *   object showed the user in it (the catch-up's cursor)
   */
  constructor({ request, emit, membership, known, me }) {
    this.#request = request;
    this.#emit = emit;
    this.#membership = membership;
    this.#known = known;
    this.#me = me;
  }

  /**
   * Removes a member (`remove_member`): the owner removes anyone, an admin plain members.
   * @param {number} groupId @param {string} userId
   */
  async remove(groupId, userId) {
    await this.#request('remove_member', { groupId, userId });
    const conversationId = this.#membership.conversationOf(groupId);
    if (conversationId !== undefined) this.#membership.memberLeft({ conversationId, groupId, userId, reason: 'removed' });
  }

  /**
   * Adds users to a group (`add_members`, owner or admin); resolves with its conversation, the new members in it.
   * @param {number} groupId @param {string[]} userIds
   * @returns {Promise<Conversation>}
   */
  async add(groupId, userIds) {
    const { conversation } = await this.#request('add_members', { groupId, userIds });
    this.#known(conversation);
    this.#emit('conversation', { conversation });
    return conversation;
  }

  /**
   * Gives a participant a role (`set_role`, the owner only). `owner` hands the group over: the user becomes an admin,
   * which the server tells the others but not this connection, so the client says it to its listeners too.
   * @param {number} groupId @param {string} userId @param {Role} role
   * @returns {Promise<Participant>} the participant with the new role
   */
  async setRole(groupId, userId, role) {
    const { participant } = await this.#request('set_role', { groupId, userId, role });
    const conversationId = this.#membership.conversationOf(groupId);
    if (conversationId !== undefined) {
      this.#emit('member_updated', { conversationId, groupId, participant });
      const me = this.#me();
      if (role === 'owner' && me && me !== userId) {
        this.#emit('member_updated', { conversationId, groupId, participant: { userId: me, role: 'admin' } });
      }
    }
    return participant;
  }

  /**
   * Changes a group's name, description or whether plain members see its invite code (`update_group`, owner or
   * admin): only the fields given change.
   * @param {number} groupId
   * @param {{ name?: string, description?: string | null, membersCanInvite?: boolean }} fields
   * @returns {Promise<Group>}
   */
  async update(groupId, fields) {
    const { group } = await this.#request('update_group', { groupId, ...fields });
    this.#emit('group_updated', { group });
    return group;
  }

  /**
   * Replaces a group's invite code (`rotate_invite`, owner or admin); the old one stops working. Optionally the new
   * one expires after `expiresInSeconds` or after `maxUses` joins.
   * @param {number} groupId @param {{ expiresInSeconds?: number, maxUses?: number }} [limits]
   * @returns {Promise<Group>} with the new code
   */
  async rotateInvite(groupId, { expiresInSeconds, maxUses } = {}) {
    const { group } = await this.#request('rotate_invite', { groupId, expiresInSeconds, maxUses });
    this.#emit('group_updated', { group });
    return group;
  }
}
