/**
 * Groups for a {@link FakeChatServer} (protocol.md issue 14: roles, `leave_group`, `remove_member`, `add_members`,
 * `set_role`, `update_group`, `rotate_invite`, `search_users`, paged `load_conversations`), installed through its
 * `overrides`, so the plain fake stays as it was. Rules are the contract's, errors carry its codes.
 */

/** @param {string} code @param {string} message */
function fail(code, message) {
  return Object.assign(new Error(message), { code });
}

/**
 * Gives `server` group requests and returns a helper to add groups.
 * @param {import('./fake-server.js').FakeChatServer} server
 * @param {{ users?: { userId: string, displayName: string }[] }} [options] users: the directory `search_users` reads
 */
export function withGroups(server, { users = [] } = {}) {
  /** @type {Map<number, any>} group id → group (its conversation holds the participants and their roles) */
  const groups = new Map();
  let codes = 0;

  /** @param {number} groupId */
  function groupOf(groupId) {
    const group = groups.get(groupId);
    if (!group) throw fail('NOT_FOUND', 'no such group');
    const c = server.conversations.get(group.conversationId);
    const mine = c?.conversation.participants.find((p) => p.userId === server.userId);
    if (!mine) throw fail('FORBIDDEN', 'not a member of this group');
    return { group, c, mine };
  }

  /** The group as the user sees it. @param {any} group */
  function view(group) {
    const c = server.conversations.get(group.conversationId);
    const mine = c?.conversation.participants.find((p) => p.userId === server.userId);
    const hidden = !group.membersCanInvite && mine?.role === 'member';
    return { ...group, memberCount: c?.conversation.participants.length ?? 0, inviteCode: hidden ? null : group.inviteCode };
  }

  /** @param {any} group */
  function refresh(group) {
    const c = server.conversations.get(group.conversationId);
    if (!c) return;
    const seen = view(group);
    Object.assign(c.conversation, { title: group.name, inviteCode: seen.inviteCode, group: seen });
  }

  /** @param {string} myRole @param {string[]} allowed */
  function require(myRole, allowed) {
    if (!allowed.includes(myRole)) throw fail('FORBIDDEN', 'your role may not do this');
  }

  const byActivity = () =>
    [...server.conversations.keys()].map((id) => server.view(id)).sort((a, b) => b.lastSeq - a.lastSeq || b.id - a.id);

  Object.assign(server.overrides, {
    /** @param {{ groupId: number }} p */
    leave_group: (p) => {
      const { c } = groupOf(p.groupId);
      server.conversations.delete(c.conversation.id);
      return {};
    },
    /** @param {{ groupId: number, userId: string }} p */
    remove_member: (p) => {
      const { c, mine } = groupOf(p.groupId);
      const target = c.conversation.participants.find((/** @type {any} */ x) => x.userId === p.userId);
      if (!target) throw fail('NOT_FOUND', 'not a member');
      if (!(mine.role === 'owner' || (mine.role === 'admin' && target.role === 'member'))) throw fail('FORBIDDEN', 'may not remove');
      c.conversation.participants = c.conversation.participants.filter((/** @type {any} */ x) => x.userId !== p.userId);
      return {};
    },
    /** @param {{ groupId: number, userIds: string[] }} p */
    add_members: (p) => {
      const { group, c, mine } = groupOf(p.groupId);
      require(mine.role, ['owner', 'admin']);
      for (const userId of p.userIds) {
        if (c.conversation.participants.some((/** @type {any} */ x) => x.userId === userId)) throw fail('CONFLICT', 'already a member');
        c.conversation.participants.push({ userId, displayName: userId, online: false, lastSeenAt: null, role: 'member' });
      }
      refresh(group);
      return { conversation: server.view(c.conversation.id) };
    },
    /** @param {{ groupId: number, userId: string, role: string }} p */
    set_role: (p) => {
      const { c, mine } = groupOf(p.groupId);
      require(mine.role, ['owner']);
      const target = c.conversation.participants.find((/** @type {any} */ x) => x.userId === p.userId);
      if (!target) throw fail('NOT_FOUND', 'not a member');
      if (p.role === 'owner') mine.role = 'admin';
      target.role = p.role;
      return { participant: { ...target } };
    },
    /** @param {{ groupId: number, name?: string, description?: string, membersCanInvite?: boolean }} p */
    update_group: (p) => {
      const { group, mine } = groupOf(p.groupId);
      require(mine.role, ['owner', 'admin']);
      for (const key of ['name', 'description', 'membersCanInvite']) if (key in p) group[key] = p[/** @type {'name'} */ (key)];
      refresh(group);
      return { group: view(group) };
    },
    /** @param {{ groupId: number, expiresInSeconds?: number, maxUses?: number }} p */
    rotate_invite: (p) => {
      const { group, mine } = groupOf(p.groupId);
      require(mine.role, ['owner', 'admin']);
      group.inviteCode = `code-${++codes}`.padEnd(16, 'x');
      group.inviteExpiresAt = p.expiresInSeconds ? new Date(Date.now() + p.expiresInSeconds * 1000).toISOString() : null;
      group.inviteMaxUses = p.maxUses ?? null;
      group.inviteUses = 0;
      refresh(group);
      return { group: view(group) };
    },
    /** @param {{ query: string, limit?: number }} p */
    search_users: (p) => {
      if (typeof p.query !== 'string' || p.query.length < 1) throw fail('BAD_REQUEST', 'query must be at least 1 character');
      const q = p.query.toLowerCase();
      const words = (/** @type {string} */ s) => s.toLowerCase().split(/\s+/);
      const found = users.filter(
        (u) => u.userId !== server.userId && (u.userId.toLowerCase().startsWith(q) || words(u.displayName).some((w) => w.startsWith(q)))
      );
      return { users: found.slice(0, p.limit ?? 20).map((u) => ({ ...u, online: false, lastSeenAt: null })) };
    },
    /** @param {{ limit?: number, before?: string }} p */
    load_conversations: (p) => {
      const all = byActivity();
      if (p.limit === undefined) return { conversations: all, hasMore: false, nextCursor: null };
      const start = p.before === undefined ? 0 : Number(p.before);
      const page = all.slice(start, start + p.limit);
      const hasMore = start + p.limit < all.length;
      return { conversations: page, hasMore, nextCursor: hasMore ? String(start + p.limit) : null };
    }
  });

  return {
    groups,
    /**
     * Adds a group whose conversation has these members (the first is the owner unless roles say otherwise).
     * @param {{ id: number, conversationId: number, name: string, members: [string, string][] , membersCanInvite?: boolean }} spec
     *   members: [userId, role] pairs
     */
    addGroup({ id, conversationId, name, members, membersCanInvite = true }) {
      const conversation = server.addConversation(conversationId, members.map(([userId]) => userId));
      conversation.type = 'group';
      conversation.groupId = id;
      for (const p of /** @type {any[]} */ (conversation.participants)) p.role = members.find(([u]) => u === p.userId)?.[1];
      const group = {
        id, conversationId, name, description: null, inviteCode: 'Xk3-pQ9_vB2mZt7L', createdBy: members[0][0],
        createdAt: '2025-01-01T00:00:00Z', inviteExpiresAt: null, inviteMaxUses: null, inviteUses: 0, membersCanInvite
      };
      groups.set(id, group);
      refresh(group);
      return group;
    }
  };
}
