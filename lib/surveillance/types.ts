/**
 * The surveillance contract (AFMM-8, LIQ-4): rules read the engine's journal (its events, in order,
 * each with the command position that produced it) and raise alerts that carry their own evidence.
 * Pure: no clock, no I/O; the same journal gives the same alerts, which is what makes an alert
 * reproducible by replaying the journal.
 */

import type { EngineEvent } from "../engine/index";

export const SURVEILLANCE_RULES = [
  /** AFMM trades on the same side shortly before a large client order or liquidation flow. */
  "front_running",
  /** AFMM fill against a client at a price away from mark by more than a threshold. */
  "off_mark_fill",
  /** Trades between two affiliate accounts (wash) or an affiliate with itself. */
  "wash_trade",
  /** Large AFMM orders cancelled quickly without fills while the AFMM trades the other side. */
  "spoofing",
  /** The AFMM's quotes miss its obligations (spread, size, time on book) over an obligation window. */
  "quote_obligation",
  /** The AFMM's share of a market's volume above a limit over a window. */
  "volume_share",
  /** Index or mark diverging from each other beyond a threshold while the AFMM is active. */
  "price_divergence",
] as const;
export type SurveillanceRule = (typeof SURVEILLANCE_RULES)[number];

export type AlertSeverity = "low" | "medium" | "high";

/** One journal entry as surveillance reads it: the event and the command position that emitted it. */
export interface JournaledEvent {
  event: EngineEvent;
  position: number;
}

/** An order as evidence: enough to see what was placed, when, and what became of it. */
export interface EvidenceOrder {
  orderId: number;
  accountId: number;
  /** Whether the account is an affiliate (AFMM) account. */
  afmm: boolean;
  market: string;
  side: "buy" | "sell";
  /** Ticks; 0 for a market order without protection. */
  price: number;
  size: number;
  acceptedSeq: number;
  acceptedAtMs: number;
  /** Lots filled before the end of the evidence window. */
  filled: number;
  closedSeq: number | null;
  closedAtMs: number | null;
  closeReason: string | null;
}

export interface EvidenceFill {
  seq: number;
  position: number;
  atMs: number;
  market: string;
  price: number;
  size: number;
  aggressor: "buy" | "sell";
  takerAccountId: number;
  makerAccountId: number;
  takerAfmm: boolean;
  makerAfmm: boolean;
  liquidation: boolean;
}

/** Book and reference prices at the alert, as surveillance tracked them from the journal (ticks; 0 = none). */
export interface EvidenceBook {
  atSeq: number;
  bestBid: number;
  bestAsk: number;
  mark: number;
  index: number;
  /** Lots resting at the best bid / ask (all participants). */
  bidLots: number;
  askLots: number;
}

export interface AlertEvidence {
  orders: EvidenceOrder[];
  fills: EvidenceFill[];
  book: EvidenceBook;
}

export interface SurveillanceAlert {
  /** `${rule}:${market}:${triggerSeq}`: stable across replays. */
  id: string;
  rule: SurveillanceRule;
  market: string;
  severity: AlertSeverity;
  triggerSeq: number;
  triggerPosition: number;
  triggerAtMs: number;
  fromSeq: number;
  toSeq: number;
  fromMs: number;
  toMs: number;
  afmmAccountIds: number[];
  /** Non-affiliate accounts involved (clients, liquidated accounts). Never shown to the AFMM. */
  counterpartyAccountIds: number[];
  /** Rule-specific figures, plain JSON (numbers and strings), e.g. { distanceBps: 62, thresholdBps: 50 }. */
  metrics: Record<string, number | string>;
  evidence: AlertEvidence;
}

/** A streaming detector: feed journal entries in order; each call returns the alerts they completed. */
export interface Surveillance {
  observe(entry: JournaledEvent): SurveillanceAlert[];
  /** Close open windows at engine time `nowMs` (end of a replay window or of a live batch) and return what they raise. */
  flush(nowMs: number): SurveillanceAlert[];
}
