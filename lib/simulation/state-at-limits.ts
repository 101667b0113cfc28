/**
 * Limits on recomputing historical engine state for anonymous callers, enforced by
 * `StateAtQueue` and stated by the public API reference from these same constants.
 */

/** How often the live engine host stores a snapshot, in journal commands (lib/simulation/runtime.ts). */
export const LIVE_SNAPSHOT_EVERY_COMMANDS = 5_000;

export const STATE_AT_LIMITS = {
  /**
   * Journal commands one answer may replay after its snapshot: the per-request cost ceiling. The
   * host keeps snapshots at most one interval (plus the batch that crosses it) apart, restarts
   * included; twice that leaves room for a journal written before restarts counted their tail.
   */
  maxReplayCommands: 2 * LIVE_SNAPSHOT_EVERY_COMMANDS,
  /** Distinct historical queries waiting or being recomputed at once, across all clients. */
  maxWaiting: 200,
  /** A recomputation still running after this long is stopped. */
  jobTimeoutMs: 15_000,
  /** Answers kept in memory (the figures at a seq never change; one is about 20 kB of JSON). */
  cacheEntries: 256,
  /** What a refused caller is told to wait, seconds. */
  retryAfterSeconds: 5,
} as const;
