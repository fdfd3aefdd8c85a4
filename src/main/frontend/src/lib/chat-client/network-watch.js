/**
 * Watches the browser's hints about the network: `online` / `offline` events and the tab becoming visible
 * (a laptop waking up, a phone unlocking). Works without a browser too (no window: always online).
 */
export class NetworkWatch {
  #window;
  #document;
  #navigator;
  #onChange;
  #onVisible;
  #started = false;

  /**
   * @param {{ window?: any, document?: any, navigator?: any, onChange: (online: boolean) => void, onVisible: () => void }} options
   */
  constructor({ window, document, navigator, onChange, onVisible }) {
    this.#window = window;
    this.#document = document;
    this.#navigator = navigator;
    this.#onChange = onChange;
    this.#onVisible = onVisible;
  }

  /** Whether the browser believes it is online (`navigator.onLine`; true when unknown). */
  get online() {
    return this.#navigator?.onLine !== false;
  }

  #online = () => this.#onChange(true);
  #offline = () => this.#onChange(false);
  #visibility = () => {
    if (this.#document?.visibilityState === 'visible') this.#onVisible();
  };

  start() {
    if (this.#started) return;
    this.#started = true;
    this.#window?.addEventListener?.('online', this.#online);
    this.#window?.addEventListener?.('offline', this.#offline);
    this.#document?.addEventListener?.('visibilitychange', this.#visibility);
  }

  stop() {
    if (!this.#started) return;
    this.#started = false;
    this.#window?.removeEventListener?.('online', this.#online);
    this.#window?.removeEventListener?.('offline', this.#offline);
    this.#document?.removeEventListener?.('visibilitychange', this.#visibility);
  }
}
