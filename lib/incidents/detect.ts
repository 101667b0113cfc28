import type { EngineEvent } from "@/lib/engine/index";
import { INCIDENT_STEPS, type IncidentPolicy, type IncidentStep } from "@/lib/incidents/policy";

/**
 * Incident detection as a pure fold over the journal's events, in sequence order. The projector
 * persists the fold's state (the open incidents) with its cursor in one transaction, so folding the
 * same events again after a crash reaches the same incidents: exactly one per episode.
 */

export interface OpenIncident {
  id: string;
  market: string;
  openedSeq: number;
  openedAtMs: number;
  lastSeq: number;
  lastAtMs: number;
  steps: IncidentStep[];
}

export type DetectionAction =
  | { type: "opened"; incident: OpenIncident; step: IncidentStep }
  | { type: "joined"; incident: OpenIncident; step: IncidentStep | null; firstOfStep: boolean }
  | { type: "closed"; incident: OpenIncident };

/** The waterfall step an event records, or "related" for a liquidation in the market that stayed in the book; null otherwise. */
export function stepOf(event: EngineEvent | { type: string; market?: unknown; stage?: unknown }): { market: string; step: IncidentStep | "related" } | null {
  const market = typeof (event as { market?: unknown }).market === "string" ? (event as { market: string }).market : null;
  if (market === null) return null;
  switch (event.type) {
    case "LiqStageEntered": {
      const stage = (event as { stage: string }).stage;
      if (stage === "backstop" || stage === "insurance_fund" || stage === "adl") return { market, step: stage };
      return { market, step: "related" };
    }
    case "InsuranceFundDepleted":
      return { market, step: "fund_floor" };
    case "BackstopCapacityExhausted":
      return { market, step: "backstop_exhausted" };
    default:
      return null;
  }
}

export function incidentId(market: string, openedSeq: number, openedAtMs: number): string {
  const day = new Date(openedAtMs).toISOString().slice(0, 10).replaceAll("-", "");
  return `${market}-${day}-${openedSeq}`;
}

export class IncidentDetector {
  readonly open = new Map<string, OpenIncident>();

  constructor(
    private readonly policy: IncidentPolicy,
    open: readonly OpenIncident[] = [],
  ) {
    for (const incident of open) this.open.set(incident.market, { ...incident, steps: [...incident.steps] });
  }

  /** Closes incidents whose market has been quiet for the policy's time as of `nowMs`. */
  advanceTo(nowMs: number): DetectionAction[] {
    const actions: DetectionAction[] = [];
    for (const [market, incident] of this.open) {
      if (nowMs - incident.lastAtMs > this.policy.quietMs) {
        this.open.delete(market);
        actions.push({ type: "closed", incident });
      }
    }
    return actions;
  }

  fold(event: { seq: number; nowMs: number; type: string; market?: unknown; stage?: unknown }): DetectionAction[] {
    const actions = this.advanceTo(event.nowMs);
    const found = stepOf(event);
    if (!found) return actions;
    const { market, step } = found;
    const current = this.open.get(market);
    if (current) {
      current.lastSeq = event.seq;
      current.lastAtMs = event.nowMs;
      const counted = step !== "related" && this.policy.openOn.includes(step) ? step : null;
      const firstOfStep = counted !== null && !current.steps.includes(counted);
      if (firstOfStep) current.steps = orderedSteps([...current.steps, counted]);
      actions.push({ type: "joined", incident: current, step: counted, firstOfStep });
      return actions;
    }
    if (step === "related" || !this.policy.openOn.includes(step)) return actions;
    const incident: OpenIncident = {
      id: incidentId(market, event.seq, event.nowMs),
      market,
      openedSeq: event.seq,
      openedAtMs: event.nowMs,
      lastSeq: event.seq,
      lastAtMs: event.nowMs,
      steps: [step],
    };
    this.open.set(market, incident);
    actions.push({ type: "opened", incident, step });
    return actions;
  }
}

function orderedSteps(steps: IncidentStep[]): IncidentStep[] {
  return INCIDENT_STEPS.filter((step) => steps.includes(step));
}
