/**
 * Exponential backoff with full jitter: attempt n waits a fresh random time in [0, min(max, base·2ⁿ)).
 * Fresh randomness per attempt spreads a crowd of clients that lost the same server, so they do not all come
 * back at the same instant (AWS Architecture Blog, "Exponential Backoff And Jitter").
 */
export class Backoff {
  /**
   * @param {{ baseMs?: number, maxMs?: number, minMs?: number, random?: () => number }} [options]
   *   baseMs: ceiling of the first wait (default 1000); maxMs: largest ceiling (default 30000);
   *   minMs: smallest wait, to avoid a hot loop (default 250); random: source in [0, 1) (default Math.random)
   */
  constructor({ baseMs = 1000, maxMs = 30000, minMs = 250, random = Math.random } = {}) {
    this.baseMs = baseMs;
    this.maxMs = maxMs;
    this.minMs = Math.min(minMs, baseMs);
    this.random = random;
    /** How many waits were handed out since the last reset. */
    this.attempt = 0;
  }

  /** The ceiling of the wait for the current attempt. */
  ceiling() {
    return Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.attempt, 30));
  }

  /** @returns {number} the next wait in ms, and counts the attempt */
  next() {
    const ceiling = this.ceiling();
    this.attempt += 1;
    return Math.max(this.minMs, Math.floor(this.random() * ceiling));
  }

  /** Starts over from the first (shortest) wait. */
  reset() {
    this.attempt = 0;
  }
}
