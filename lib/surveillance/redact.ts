/**
 * AFMM-7: what the affiliated market maker may see of an alert about itself. Pure and in one place:
 * the AFMM desk shows alerts only through `redactAlertForAfmm`.
 *
 * Kept: the rule, market, time, severity, the figures, the book at the alert (public depth: best
 * prices and lots at the best), the AFMM's own orders, and the fills in which it took part.
 * Removed: every other order (client orders are non-public order data), every fill it had no part in,
 * every account id that is not its own (the other side of its fills becomes "client", "liquidation"
 * or "affiliate"), the list of counterparty accounts, and any figure whose name mentions an account.
 */

import type { AlertEvidence, AlertSeverity, EvidenceBook, EvidenceOrder } from "./types";

export type CounterpartyClass = "client" | "liquidation" | "affiliate";

export interface RedactedFill {
  seq: number;
  atMs: number;
  market: string;
  price: number;
  size: number;
  /** The AFMM's own side of the fill and its account. */
  side: "buy" | "sell";
  ownAccountId: number;
  role: "maker" | "taker";
  counterparty: CounterpartyClass;
}

export interface RedactedAlert {
  id: string;
  rule: string;
  market: string;
  severity: AlertSeverity | string;
  triggerAtMs: number;
  fromMs: number;
  toMs: number;
  ownAccountIds: number[];
  metrics: Record<string, number | string>;
  orders: EvidenceOrder[];
  fills: RedactedFill[];
  book: EvidenceBook | null;
}

/** An alert as stored (numbers may arrive as bigint from the database). */
export interface StoredAlert {
  id: string;
  rule: string;
  market: string;
  severity: string;
  triggerAtMs: number | bigint;
  fromMs: number | bigint;
  toMs: number | bigint;
  afmmAccountIds: readonly number[];
  counterpartyAccountIds?: readonly number[];
  metrics: unknown;
  evidence: unknown;
}

const ACCOUNT_KEY = /account/i;

export function redactAlertForAfmm(alert: StoredAlert, ownAccounts: ReadonlySet<number>): RedactedAlert {
  const evidence = (alert.evidence ?? {}) as Partial<AlertEvidence>;
  const orders = (Array.isArray(evidence.orders) ? evidence.orders : []).filter((order) => ownAccounts.has(order.accountId)).map((order) => ({ ...order }));
  const fills: RedactedFill[] = [];
  for (const fill of Array.isArray(evidence.fills) ? evidence.fills : []) {
    const takerOwn = ownAccounts.has(fill.takerAccountId);
    const makerOwn = ownAccounts.has(fill.makerAccountId);
    if (!takerOwn && !makerOwn) continue;
    const role = takerOwn ? "taker" : "maker";
    const otherAfmm = takerOwn ? fill.makerAfmm : fill.takerAfmm;
    // The liquidation flag marks the taker as the liquidated side.
    const counterparty: CounterpartyClass = (takerOwn && makerOwn) || otherAfmm ? "affiliate" : fill.liquidation && !takerOwn ? "liquidation" : "client";
    const side = role === "taker" ? fill.aggressor : fill.aggressor === "buy" ? "sell" : "buy";
    fills.push({
      seq: fill.seq,
      atMs: fill.atMs,
      market: fill.market,
      price: fill.price,
      size: fill.size,
      side,
      ownAccountId: takerOwn ? fill.takerAccountId : fill.makerAccountId,
      role,
      counterparty,
    });
  }
  const metrics: Record<string, number | string> = {};
  const rawMetrics = alert.metrics && typeof alert.metrics === "object" ? (alert.metrics as Record<string, unknown>) : {};
  for (const [key, value] of Object.entries(rawMetrics)) {
    if (ACCOUNT_KEY.test(key)) continue;
    if (typeof value === "number" || typeof value === "string") metrics[key] = value;
  }
  const book = evidence.book
    ? {
        atSeq: evidence.book.atSeq,
        bestBid: evidence.book.bestBid,
        bestAsk: evidence.book.bestAsk,
        mark: evidence.book.mark,
        index: evidence.book.index,
        bidLots: evidence.book.bidLots,
        askLots: evidence.book.askLots,
      }
    : null;
  return {
    id: alert.id,
    rule: alert.rule,
    market: alert.market,
    severity: alert.severity,
    triggerAtMs: Number(alert.triggerAtMs),
    fromMs: Number(alert.fromMs),
    toMs: Number(alert.toMs),
    ownAccountIds: alert.afmmAccountIds.filter((id) => ownAccounts.has(id)),
    metrics,
    orders,
    fills,
    book,
  };
}
