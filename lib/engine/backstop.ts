/**
 * Backstop LP capacity (LIQ-1 stage 2, README §5): the part of an LP's committed capacity in use and
 * its replenishment over engine time.
 *
 * Capacity in use (`backstopUsed`, notional at the bankruptcy prices taken) falls linearly at the
 * LP's `replenishPerHour`, never below zero. It is brought up to the engine clock at every Tick and
 * just before the LP takes inventory, so capacity taken between two Ticks starts replenishing when it
 * was taken, not at the previous Tick. Integer only: each step restores
 * ⌊(rate·elapsed + carry)/1 h⌋ and keeps the remainder as `carry`, so over any span in which capacity
 * stays in use the restored total is exactly ⌊rate·span/1 h⌋ however the span is cut into steps
 * (replay and restore reproduce it to the micro-USD). The carry is dropped once nothing is in use: a
 * replenishment cannot be banked ahead of use.
 */

import type { Account } from "./accounts";

const MS_PER_HOUR = 3_600_000n;

/** Restore an LP's used capacity for the engine time since it was last brought up to date. */
export function replenishBackstop(a: Account, nowMs: number): void {
  const rate = a.backstopReplenishPerHour;
  if (rate === 0n) return;
  const elapsed = nowMs - a.backstopReplenishedMs;
  if (elapsed <= 0) return;
  a.backstopReplenishedMs = nowMs;
  if (a.backstopUsed === 0n) {
    a.backstopReplenishCarry = 0n;
    return;
  }
  const accrued = rate * BigInt(elapsed) + a.backstopReplenishCarry;
  const restored = accrued / MS_PER_HOUR;
  if (restored >= a.backstopUsed) {
    a.backstopUsed = 0n;
    a.backstopReplenishCarry = 0n;
  } else {
    a.backstopUsed -= restored;
    a.backstopReplenishCarry = accrued % MS_PER_HOUR;
  }
}

/** Capacity the LP can still commit, micro-USD. */
export function remainingCapacity(a: Account): bigint {
  return a.backstopCapacity - a.backstopUsed;
}
