/**
 * Insurance fund ledger, one fund per market (its scope for DISC-4/DISC-6), in micro-USD.
 *
 * The fund absorbs LOSS, never inventory (README, waterfall ADR): inflows are liquidation fees and
 * platform top-ups; outflows compensate backstop LPs / ADL counterparties for taking a bankrupt
 * position at a bankruptcy price worse than mark, and cover residual negative equity. Every change
 * is an `InsuranceFundChanged` event naming market, reason, account and the causing event's seq.
 * Outflows for the waterfall are limited to `available()` = balance − floor, so the fund reaches the
 * floor only by exhausting it (and then ADL takes over); only a residual-equity cover on an account
 * that has no position left (nothing to deleverage) may go below the floor, never below zero.
 */

import type { InsuranceFundReason } from "./types";

export interface InsuranceFund {
  /** Current balance, micro-USD (≥ 0). */
  balance: bigint;
  /** Configured floor (market's liquidation.insuranceFundFloor), micro-USD. */
  floor: bigint;
  /** Lifetime inflows and outflows, micro-USD (both ≥ 0). */
  totalIn: bigint;
  totalOut: bigint;
  /** True while at or below the floor; a depletion event fires on each transition into it. */
  depleted: boolean;
}

export function newInsuranceFund(floor: bigint): InsuranceFund {
  // An empty fund starts "depleted": the first top-up above the floor clears it.
  return { balance: 0n, floor, totalIn: 0n, totalOut: 0n, depleted: true };
}

/** What the waterfall may spend: balance − floor, at least 0, micro-USD. */
export function available(f: InsuranceFund): bigint {
  const a = f.balance - f.floor;
  return a > 0n ? a : 0n;
}

/** Sink for the two fund events; `exchange.ts` provides one that assigns seq. */
export interface FundEmitter {
  changed(delta: bigint, balance: bigint, reason: InsuranceFundReason, accountId: number | null, causeSeq: number): void;
  depleted(balance: bigint, floor: bigint, causeSeq: number): void;
}

/** Credit the fund (delta > 0). */
export function credit(f: InsuranceFund, amount: bigint, reason: InsuranceFundReason, accountId: number | null, causeSeq: number, emit: FundEmitter): void {
  if (amount <= 0n) return;
  f.balance += amount;
  f.totalIn += amount;
  emit.changed(amount, f.balance, reason, accountId, causeSeq);
  if (f.depleted && f.balance > f.floor) f.depleted = false;
}

/**
 * Debit the fund (amount > 0). Throws if it would go below zero: callers size outflows with
 * `available()` (or the balance for residual covers), so this is a bug guard, not a rule.
 */
export function debit(f: InsuranceFund, amount: bigint, reason: InsuranceFundReason, accountId: number | null, causeSeq: number, emit: FundEmitter): void {
  if (amount <= 0n) return;
  if (amount > f.balance) throw new Error(`insurance fund would go negative: ${f.balance} − ${amount}`);
  f.balance -= amount;
  f.totalOut += amount;
  emit.changed(-amount, f.balance, reason, accountId, causeSeq);
  if (!f.depleted && f.balance <= f.floor) {
    f.depleted = true;
    emit.depleted(f.balance, f.floor, causeSeq);
  }
}
