/**
 * The post-event report of a default-management incident (DISC-7, RPT-7): every figure is computed
 * from the engine journal alone, so `report:verify` can recompute it. Money is micro-USD and prices
 * are ticks, both as decimal strings (JSON has no bigint); times are engine epoch ms.
 *
 * This is the contract between the report's computation, its renderings (HTML, PDF, JSON with its
 * published JSON Schema) and the workflow. Change it together with INCIDENT_REPORT_SCHEMA_VERSION.
 */

export const INCIDENT_REPORT_SCHEMA_VERSION = 1;

/** A pseudonymous account reference, stable within one report (keyed hash of the account id). */
export type AccountRef = string;

export interface IncidentReport {
  schemaVersion: typeof INCIDENT_REPORT_SCHEMA_VERSION;
  incidentId: string;
  market: string;
  /** Engine times of the first and last related event. */
  startedAtMs: number;
  endedAtMs: number;
  /** The journal range the report was computed from and the engine state hashes at both ends. */
  journal: { fromSeq: number; toSeq: number; fromPosition: number; toPosition: number; stateHashBefore: string; stateHashAfter: string };
  /** Canonical hash of the configuration in force (the methodology pages show the same hash). */
  configHash: string;
  /** The market's liquidation parameters in force, as label → value text. */
  parameters: Array<{ path: string; value: string }>;
  /** Steps that ran, in order of first occurrence. */
  steps: string[];
  /** Every waterfall stage entered, in journal order, with millisecond timestamps. */
  timeline: Array<{
    seq: number;
    atMs: number;
    account: AccountRef;
    stage: string;
    reason: string;
    sizeToClose: number;
    sizeClosed: number;
    bankruptcyPrice: string;
    markPrice: string;
    amount: string;
  }>;
  /** Mark, index and each index source's price from shortly before the first event to shortly after the last. */
  prices: Array<{
    seq: number;
    atMs: number;
    mark: string | null;
    index: string | null;
    sources: Array<{ sourceId: string; price: string | null; status: string }>;
  }>;
  /** Positions closed per step: liquidations, lots and notional. */
  closedByStep: Array<{ stage: string; liquidations: number; lots: number; notional: string; averagePrice: string | null }>;
  backstop: {
    lots: number;
    notional: string;
    compensationPaid: string;
    capacityExhausted: boolean;
    providers: Array<{ provider: AccountRef; lots: number; notional: string }>;
  };
  insuranceFund: { before: string; after: string; floor: string; lowest: string; paidOut: string; feesIn: string; reachedFloor: boolean };
  adl: {
    fills: Array<{ rank: number; account: AccountRef; rankingScorePpb: string; price: string; lots: number; upnlBefore: string; seq: number; atMs: number }>;
    lotsNeeded: number;
    lotsClosed: number;
    /** Lots deleveraged beyond those the bankrupt positions still held (0 when ADL took only what was needed). */
    lotsBeyondMinimum: number;
    /** Loss borne by ADL counterparties (closing at the bankruptcy price instead of mark, net of fund compensation). */
    lossSocialized: string;
    /** The least loss that had to be socialized: bankrupt accounts' deficit the fund could not cover. */
    minimumNeeded: string;
    beyondMinimum: string;
    /** What pro-rata ADL (every eligible opposite position in proportion to its size) would have done instead. */
    proRata: { accountsAffected: number; rankedAccountsAffected: number; allocations: Array<{ account: AccountRef; rankedLots: number; proRataLots: number }> };
  };
  /** Accounts liquidated, and portal clients who held a position in the market when the incident opened. */
  affected: { accountsLiquidated: number; clientsWithPositions: number };
}
