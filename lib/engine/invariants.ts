/**
 * The engine invariants (README "Invariants") checked over the whole state: for tests and periodic
 * audits, not the hot path.
 */

import { collateralOf } from "./collateral-ledger";
import type { EngineState } from "./exchange";
import { ID_FREE } from "./order-ids";

/**
 * Check the engine invariants (README "Invariants"); returns human-readable violations (empty =
 * all hold). O(accounts + orders); meant for tests and periodic audits, not the hot path.
 */
export function checkInvariants(s: EngineState): string[] {
  const v: string[] = [];
  // INV-1 conservation in USD: Σ(cash − cost) + fee pool + insurance funds = USD deposits − USD
  // withdrawals + insurance top-ups + USD credited for converted collateral.
  let total = s.feePool;
  for (const a of s.bySlot) {
    total += a.cash;
    for (const p of a.positions) total -= p.cost;
  }
  for (const m of s.markets) total += m.insurance.balance;
  const expect = s.totalDeposited - s.totalWithdrawn + s.totalInsuranceFunded + s.totalConverted;
  if (total !== expect) v.push(`conservation: ledger ${total} ≠ net deposits ${expect} (diff ${total - expect})`);
  // INV-1b conservation per non-USD asset: Σ holdings + platform-held = deposits − withdrawals
  // (minor units); and each account's cached collateral value = its holdings at the valuations in force.
  const held = new Map<string, bigint>(s.platformCollateral);
  for (const a of s.bySlot) {
    for (const [id, amt] of a.holdings) {
      if (amt <= 0n) v.push(`account ${a.id} holds ${amt} of ${id}`);
      held.set(id, (held.get(id) ?? 0n) + amt);
      if (!s.assetHolders.get(id)?.has(a)) v.push(`asset holders of ${id} miss account ${a.id}`);
    }
    const c = collateralOf(s, a);
    if (c !== a.collateral) v.push(`account ${a.id} collateral value ${a.collateral} ≠ revalued ${c}`);
  }
  for (const id of new Set([...held.keys(), ...s.assetDeposited.keys(), ...s.assetWithdrawn.keys()])) {
    const net = (s.assetDeposited.get(id) ?? 0n) - (s.assetWithdrawn.get(id) ?? 0n);
    if ((held.get(id) ?? 0n) !== net) v.push(`conservation of ${id}: held ${held.get(id) ?? 0n} ≠ net deposits ${net}`);
  }
  for (const m of s.markets) {
    // INV-2 Σ long = Σ short.
    let net = 0;
    for (const a of s.bySlot) net += a.positions[m.i].size;
    if (net !== 0) v.push(`${m.symbol}: Σ position sizes = ${net}`);
    // INV-3 book never crossed.
    const bb = m.book.bestBid();
    const ba = m.book.bestAsk();
    if (bb > 0 && ba > 0 && bb >= ba) v.push(`${m.symbol}: book crossed ${bb} ≥ ${ba}`);
    // INV-4 fund never negative.
    if (m.insurance.balance < 0n) v.push(`${m.symbol}: insurance fund negative`);
    // Open-order bookkeeping equals the book.
    const open = new Map<number, [number, number]>();
    for (const [id, owner, side, , rem] of m.book.snapshot()) {
      if (!s.orders.has(id)) v.push(`${m.symbol}: order ${id} on book without metadata`);
      // INV-11 a resting order's id can never be accepted again.
      if (s.orderIds.status(id) === ID_FREE) v.push(`${m.symbol}: resting order ${id} is not marked used in the order-id window`);
      const e = open.get(owner) ?? [0, 0];
      e[side] += rem;
      open.set(owner, e);
    }
    for (const a of s.bySlot) {
      const p = a.positions[m.i];
      const e = open.get(a.id) ?? [0, 0];
      if (p.openBuy !== e[0] || p.openSell !== e[1]) v.push(`${m.symbol}: account ${a.id} open lots ${p.openBuy}/${p.openSell} ≠ book ${e[0]}/${e[1]}`);
      if (p.roBuy + p.roSell > Math.abs(p.size) || (p.roBuy > 0 && p.size >= 0) || (p.roSell > 0 && p.size <= 0))
        v.push(`${m.symbol}: account ${a.id} reduce-only orders exceed its position`);
      if ((p.size !== 0) !== m.holders.has(a)) v.push(`${m.symbol}: holders set out of sync for ${a.id}`);
    }
  }
  // INV-12 backstop capacity in use stays within 0 … capacity; the replenishment carry below one micro-USD·hour.
  for (const b of s.backstops) {
    if (b.backstopUsed < 0n || b.backstopUsed > b.backstopCapacity) v.push(`backstop ${b.id} uses ${b.backstopUsed} of capacity ${b.backstopCapacity}`);
    if (b.backstopReplenishCarry < 0n || b.backstopReplenishCarry >= 3_600_000n)
      v.push(`backstop ${b.id} replenishment carry ${b.backstopReplenishCarry} out of range`);
    if (b.backstopUsed === 0n && b.backstopReplenishCarry !== 0n) v.push(`backstop ${b.id} carries replenishment with nothing in use`);
  }
  // INV-13 while AFMM order entry is suspended no afmm-kind account has a resting order (AFMM-4, AFMM-9).
  if (s.afmmOrderEntrySuspended)
    for (const a of s.bySlot)
      if (a.kind === "afmm" && a.positions.some((p) => p.openBuy + p.openSell > 0))
        v.push(`afmm account ${a.id} has resting orders while AFMM order entry is suspended`);
  // INV-5 no account owes more than its collateral once detection has run: flat ⇒ cash + collateral ≥ 0.
  for (const a of s.bySlot)
    if (a.openPositions === 0 && a.cash + a.collateral < 0n && !s.pending.has(a) && !s.dirty.has(a))
      v.push(`account ${a.id} flat with negative equity ${a.cash + a.collateral}`);
  return v;
}
