import { ChatError } from './errors.js';

/**
 * The server's events (protocol.md §7), each handled by one small function found by its type, as the server's
 * dispatcher finds a request's handler. A new event is one entry in {@link EVENT_HANDLERS}; a type without one is
 * ignored (the protocol lets servers add events).
 */

/**
 * The client's parts, as the handlers act on them.
 * @typedef {{
 *   connection: import('./connection.js').Connection,
 *   requests: import('./requests.js').Requests,
 *   catchUp: import('./catch-up.js').CatchUp,
 *   membership: import('./membership.js').Membership,
 *   outbox: import('./outbox.js').Outbox,
 *   emit: (type: any, payload: any) => void
 * }} ClientParts
 */

/**
 * @callback EventHandler
 * @param {ClientParts} client
 * @param {any} payload the event's payload (an object, perhaps empty)
 * @param {number} session the generation of the socket it came on
 * @returns {void}
 */

/**
 * `connection_status`: signed in (on the handshake, or by `auth`), or open without the token the handshake offered
 * (a proxy that drops the subprotocol header): then sign in with `auth` on this connection. `closing` needs nothing:
 * the close follows.
 * @type {EventHandler}
 */
function connectionStatus(client, payload, session) {
  if (payload.status === 'authenticated' && !client.connection.authenticated) signedIn(client, payload, session);
  else if (payload.status === 'unauthenticated') client.connection.signIn.unauthenticated(session);
}

/**
 * Signed in: the user's outbox loads, listeners learn who signed in, the token's refresh is planned, and the
 * catch-up starts (protocol.md §10).
 * @param {ClientParts} client @param {{ userId: string, connectionId: string }} identity @param {number} session
 */
function signedIn(client, { userId, connectionId }, session) {
  client.connection.signedIn({ userId, connectionId });
  void client.outbox.open(userId);
  client.emit('authenticated', { userId, connectionId });
  client.connection.signIn.scheduleRefresh(session);
  void client.catchUp.resume(session);
}

/** `new_message`: a live message; a `seq` beyond the cursor reveals a gap, filled with `sync`. @type {EventHandler} */
function newMessage(client, { message }, session) {
  if (!message) return;
  if (client.catchUp.accept(message.conversationId, [message], 'live', { track: true, revs: true })) client.catchUp.fillGap(session);
}

/**
 * `message_updated`: a message was edited, deleted or reacted to. Listeners keep the copy with the higher `rev`;
 * a `rev` beyond the change cursor reveals a missed change, filled with `sync` like a seq gap.
 * @type {EventHandler}
 */
function messageUpdated(client, { message }, session) {
  if (!message) return;
  if (client.catchUp.accept(message.conversationId, [message], 'update', { track: true, revs: true })) client.catchUp.fillGap(session);
}

/**
 * `conversation_created`: its participants' presence is the creator's view, not this user's (protocol.md §6,
 * conversation), hence `announced`.
 * @type {EventHandler}
 */
function conversationCreated(client, { conversation }) {
  client.catchUp.known(conversation);
  client.emit('conversation', { conversation, announced: true });
}

/** `member_joined`: naming the user, the user is back in the conversation (joined on another device). @type {EventHandler} */
function memberJoined(client, payload) {
  if (payload.user?.userId === client.connection.userId) client.membership.present(payload.conversationId);
  client.emit('member_joined', payload);
}

/** `member_left`: naming the user, another device of theirs left (see Membership). @type {EventHandler} */
function memberLeft(client, payload) {
  client.membership.memberLeft(payload);
}

/** An event the client only passes on to its listeners, under the same name. @param {string} type @returns {EventHandler} */
function relay(type) {
  return (client, payload) => client.emit(type, payload);
}

/** @type {ReadonlyMap<string, EventHandler>} the handler of every event type of protocol.md §7 */
export const EVENT_HANDLERS = new Map([
  ['connection_status', connectionStatus],
  ['new_message', newMessage],
  ['message_updated', messageUpdated],
  ['conversation_created', conversationCreated],
  ['member_joined', memberJoined],
  ['member_left', memberLeft],
  ['member_updated', relay('member_updated')],
  ['group_updated', relay('group_updated')],
  ['typing', relay('typing')],
  ['presence', relay('presence')],
  ['read_receipt', relay('read_receipt')]
]);

/**
 * A frame from the server: an answer settles its request (an `error` that answers none is emitted), an event goes
 * to its handler and then to `event` listeners.
 * @param {ClientParts} client @param {unknown} data @param {number} session
 */
export function receive(client, data, session) {
  const frame = decodeFrame(data);
  if (!frame) return;
  const { type, payload, requestId } = frame;
  if (type === 'ack' || type === 'error') {
    const matched = client.requests.settle(frame);
    if (!matched && type === 'error') client.emit('error', ChatError.fromFrame(payload, requestId));
    return;
  }
  EVENT_HANDLERS.get(type)?.(client, payload, session); // unknown types are ignored (protocol.md §7)
  client.emit('event', { type, payload });
}

/**
 * Reads a text frame: `null` for anything that is not a JSON object with a string `type`. The payload is always an
 * object, so handlers can destructure it.
 * @param {unknown} data
 * @returns {{ type: string, payload: any, requestId: string | null } | null}
 */
function decodeFrame(data) {
  if (typeof data !== 'string') return null;
  let frame;
  try {
    frame = JSON.parse(data);
  } catch {
    return null;
  }
  if (!frame || typeof frame !== 'object' || typeof frame.type !== 'string') return null;
  const payload = frame.payload && typeof frame.payload === 'object' ? frame.payload : {};
  return { type: frame.type, payload, requestId: frame.requestId ?? null };
}
