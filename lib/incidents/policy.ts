/**
 * The incident policy: which waterfall steps open a default-management incident, how long a market
 * must be quiet before the incident closes, and the reporting clock. One object, read by detection
 * and rendered as-is on the methodology page, so what the page says is what runs.
 */

/** Steps past the order book (and the two exhaustion signals) that can open an incident. */
export const INCIDENT_STEPS = ["backstop", "insurance_fund", "adl", "fund_floor", "backstop_exhausted"] as const;
export type IncidentStep = (typeof INCIDENT_STEPS)[number];

export interface IncidentPolicy {
  /** Steps that open an incident (the framework's "ADL or any last-resort liquidation mechanism"). */
  openOn: readonly IncidentStep[];
  /** The incident closes once its market has had no related event for this long (engine time), ms. */
  quietMs: number;
  /** The post-event report is due this long after the incident's first event, ms. */
  reportDueMs: number;
  /** Officers are reminded this long before the deadline, ms, largest first. */
  escalateBeforeDueMs: readonly number[];
  /** Steps after which every client holding a position in the market at that instant is notified (DISC-6). */
  broadcastOn: readonly IncidentStep[];
}

const HOUR_MS = 3_600_000;

/** The policy as launched; `incidentPolicy()` (policy-in-force.ts) applies the deployment's settings to it. */
export const INCIDENT_POLICY: IncidentPolicy = {
  openOn: INCIDENT_STEPS,
  quietMs: 5 * 60_000,
  reportDueMs: 24 * HOUR_MS,
  escalateBeforeDueMs: [6 * HOUR_MS, 2 * HOUR_MS],
  broadcastOn: ["fund_floor", "adl"],
};
