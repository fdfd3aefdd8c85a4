/**
 * Reconnect waits. Two kinds:
 * - {@link Backoff#next}: exponential backoff with full jitter, for a server that answered and refused or dropped
 *   the connection: attempt n waits a fresh random time in [min, min(max, base·2ⁿ)). Fresh randomness per attempt
 *   spreads a crowd of clients that lost the same server, so they do not all come back at the same instant (AWS
 *   Architecture Blog, "Exponential Backoff And Jitter").
 * - {@link Backoff#quick}: a short jittered wait in [min, quick) that never grows and counts no attempt, for a
 *   server that is not up (no handshake completes: down, or starting and answering 404/503). Growing the wait
 *   there only delays the reconnect after the server is back, by up to the whole ceiling.
 * - {@link Backoff#slow}: like `next`, but never shorter than `slowMs`, for a server that asked for fewer
 *   connections or requests (close 4429): a client that comes straight back only gets closed again.
 */
export class Backoff {
  /**
   * @param {{ baseMs?: number, maxMs?: number, minMs?: number, quickMs?: number, random?: () => number }} [options]
   *   baseMs: ceiling of the first wait (default 1000); maxMs: largest ceiling (default 30000);
   *   minMs: smallest wait, to avoid a hot loop (default 250); quickMs: ceiling of a quick retry (default 1000);
   *   slowMs: smallest wait after the server said "too many" (default 5000); random: source in [0, 1)
   *   (default Math.random)
   */
  constructor({ baseMs = 1000, maxMs = 30000, minMs = 250, quickMs = 1000, slowMs = 5000, random = Math.random } = {}) {
    this.baseMs = baseMs;
    this.maxMs = maxMs;
    this.minMs = Math.min(minMs, baseMs);
    this.quickMs = Math.max(quickMs, this.minMs);
    this.slowMs = Math.max(slowMs, this.minMs);
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

  /** @returns {number} a short wait in [minMs, quickMs); the attempt count does not move */
  quick() {
    return this.minMs + Math.floor(this.random() * (this.quickMs - this.minMs));
  }

  /**
   * @returns {number} a wait in [slowMs, max(2·slowMs, ceiling)), and counts the attempt: jittered like
   *   {@link Backoff#next} (a crowd told "too many" at once must not return at once), growing with the attempts
   */
  slow() {
    const ceiling = Math.max(this.ceiling(), 2 * this.slowMs);
    this.attempt += 1;
    return this.slowMs + Math.floor(this.random() * (ceiling - this.slowMs));
  }

  /** Starts over from the first (shortest) wait. */
  reset() {
    this.attempt = 0;
  }
}
