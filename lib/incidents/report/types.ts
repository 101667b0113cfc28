/**
 * The post-event report of a default-management incident (DISC-7, RPT-7): every figure is computed
 * from the engine journal alone, so `report:verify` can recompute it. Money is micro-USD and prices
 * are ticks, both as decimal strings (JSON has no bigint); times are engine epoch ms.
 *
 * This is the contract between the report's computation, its renderings (HTML, PDF, JSON with its
 * published JSON Schema) and the workflow. Change it together with INCIDENT_REPORT_SCHEMA_VERSION
 * and the zod schema in schema.ts (a type test there keeps the two equal).
 */

export const INCIDENT_REPORT_SCHEMA_VERSION = 1;

/** A pseudonymous account reference, stable within one report (keyed hash of the account id). */
export type AccountRef = string;

/** Rows of the timeline that are not waterfall stages: the fund reaching its floor, backstop capacity running out. */
export type TimelineSignal = "fund_floor" | "backstop_exhausted";

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
  /** How to read the market's figures: price increment, size increment (decimal text) and the micro-USD value of one tick of one lot. */
  units: { tickSize: string; lotSize: string; tickLotValue: string };
  /** The market's liquidation parameters in force: configuration path, value as text (integers exact) and its unit. */
  parameters: Array<{ path: string; value: string; unit: "ppb" | "micro-USD" | "fraction" }>;
  /** Steps that ran, in order of first occurrence. */
  steps: string[];
  /** Every waterfall stage entered (and each fund-floor and backstop-exhaustion signal), in journal order, with millisecond timestamps. */
  timeline: Array<{
    seq: number;
    atMs: number;
    /** The liquidated account; null for a fund-floor row. */
    account: AccountRef | null;
    stage: string;
    reason: string;
    sizeToClose: number;
    sizeClosed: number;
    /** Ticks; null where the stage has none (order cancellation, signals). */
    bankruptcyPrice: string | null;
    markPrice: string | null;
    amount: string;
    /** The account's equity after the stage (the fund balance for a fund-floor row; null for a backstop signal). */
    equityAfter: string | null;
  }>;
  /** Mark, index and each index source's price from shortly before the first event to shortly after the last. */
  prices: Array<{
    seq: number;
    atMs: number;
    mark: string | null;
    index: string | null;
    sources: Array<{ sourceId: string; price: string | null; status: string }>;
  }>;
  /** The window the price rows cover; when it held more rows than a report shows, every `every`-th row is kept plus every row at a waterfall stage. */
  priceWindow: { fromMs: number; toMs: number; rowsInWindow: number; every: number };
  /** Positions closed per step: liquidations, lots and notional. */
  closedByStep: Array<{ stage: string; liquidations: number; lots: number; notional: string; averagePrice: string | null }>;
  backstop: {
    lots: number;
    notional: string;
    compensationPaid: string;
    capacityExhausted: boolean;
    providers: Array<{ provider: AccountRef; lots: number; notional: string; compensation: string }>;
  };
  insuranceFund: {
    before: string;
    after: string;
    floor: string;
    lowest: string;
    paidOut: string;
    feesIn: string;
    /** Top-ups received during the incident. */
    deposited: string;
    /** paidOut by purpose. */
    backstopCompensation: string;
    adlCompensation: string;
    negativeEquityCover: string;
    reachedFloor: boolean;
  };
  adl: {
    /**
     * Fills in journal order. `rank` is the counterparty's place in the ranking queue of its detection
     * pass (1 = deleveraged first); `loss` is (bankruptcy − mark)⁺ per lot in the bankrupt side's
     * direction × lots × tickLotValue, before the fund's compensation.
     */
    fills: Array<{
      rank: number;
      account: AccountRef;
      rankingScorePpb: string;
      price: string;
      markPrice: string;
      lots: number;
      upnlBefore: string;
      loss: string;
      compensation: string;
      seq: number;
      atMs: number;
    }>;
    /** Per ADL stage: the bankrupt account's deficit at mark, the fund available above its floor, and what the fund could not cover. */
    stages: Array<{ seq: number; account: AccountRef; lotsNeeded: number; lotsClosed: number; deficit: string; fundAvailable: string; uncovered: string }>;
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
    proRata: {
      accountsAffected: number;
      rankedAccountsAffected: number;
      /** Per side deleveraged: the positions eligible when ADL first reached that side, and the lots spread over them. */
      basis: Array<{ side: "long" | "short"; atSeq: number; markPrice: string; eligibleAccounts: number; eligibleLots: number; lots: number }>;
      allocations: Array<{ account: AccountRef; side: "long" | "short"; eligibleLots: number; rankedLots: number; proRataLots: number }>;
    };
  };
  /** Accounts liquidated, and portal clients who held a position in the market when the incident opened. */
  affected: { accountsLiquidated: number; clientsWithPositions: number };
}

/** The officers' narrative, written in the workflow and shown with the figures; not part of what `report:verify` recomputes. */
export interface IncidentNarrative {
  cause?: string | null;
  impact?: string | null;
  remediation?: string | null;
}
