import { ChatError } from './errors.js';
import { NetworkWatch } from './network-watch.js';

/**
 * @typedef {{
 *   readonly socket: WebSocket | null,
 *   readonly authenticated: boolean,
 *   readonly status: import('./types.js').ConnectionStatus,
 *   readonly stopped: boolean,
 *   online: boolean,
 *   retryNow: () => void,
 *   drop: (code: number, reason: string) => void
 * }} WatchedConnection
 */

/**
 * The client's half of the heartbeat. The server pings every socket (protocol.md §7, Heartbeat), but a browser
 * answers those pings itself and shows them to nobody, so a page cannot tell a live socket from one on a network
 * that went away (a laptop that slept). It acts on the browser's hints instead: when the network comes back or the
 * tab becomes visible, a client waiting to reconnect tries at once, and a live one sends a `ping`; a socket that
 * does not answer in 5 s is dropped and replaced. Losing the network checks the socket the same way.
 */
export class Heartbeat {
  #network;
  #connection;
  #request;

  /**
   * @param {{
   *   window?: any, document?: any, navigator?: any,
   *   connection: WatchedConnection,
   *   request: (type: string, payload?: Record<string, unknown>, options?: { timeoutMs?: number }) => Promise<any>
   * }} options
   */
  constructor({ window, document, navigator, connection, request }) {
    this.#connection = connection;
    this.#request = request;
    this.#network = new NetworkWatch({
      window: window ?? globalThis.window,
      document: document ?? globalThis.document,
      navigator: navigator ?? globalThis.navigator,
      onChange: (online) => this.#networkChanged(online),
      onVisible: () => this.#wakeUp()
    });
  }

  /** Whether the browser believes it is online. */
  get online() {
    return this.#network.online;
  }

  /** Starts following the browser's hints. */
  start() {
    this.#network.start();
  }

  stop() {
    this.#network.stop();
  }

  /** @param {boolean} online */
  #networkChanged(online) {
    this.#connection.online = online;
    if (online) this.#wakeUp();
    else if (this.#connection.socket) void this.#probe();
  }

  /** The network came back or the tab became visible: retry now if waiting, check the socket if live. */
  #wakeUp() {
    if (this.#connection.stopped) return;
    if (!this.#connection.socket) this.#connection.retryNow();
    else if (this.#connection.status === 'live') void this.#probe();
  }

  /** Checks a live socket with a `ping`; one that does not answer in 5 s is dropped and replaced. */
  async #probe() {
    const ws = this.#connection.socket;
    if (!ws || !this.#connection.authenticated) return;
    try {
      await this.#request('ping', {}, { timeoutMs: 5000 });
    } catch (error) {
      const timedOut = error instanceof ChatError && error.code === 'TIMEOUT';
      if (timedOut && ws === this.#connection.socket) this.#connection.drop(4000, 'no answer to ping');
    }
  }
}
