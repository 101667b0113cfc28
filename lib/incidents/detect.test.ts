import { describe, expect, it } from "vitest";
import { IncidentDetector } from "./detect";
import { INCIDENT_POLICY, type IncidentPolicy } from "./policy";

const policy: IncidentPolicy = { ...INCIDENT_POLICY, quietMs: 60_000 };
const stage = (seq: number, nowMs: number, stage: string, market = "BTC-PERP") => ({ seq, nowMs, type: "LiqStageEntered", market, stage });
const tick = (seq: number, nowMs: number) => ({ seq, nowMs, type: "MarkTick", market: "BTC-PERP" });

describe("incident detection (DISC-7, LIQ-1)", () => {
  it("a book-only liquidation opens nothing; the first step past the book opens one incident", () => {
    const d = new IncidentDetector(policy);
    expect(d.fold(stage(1, 1_000, "book"))).toEqual([]);
    const [opened] = d.fold(stage(2, 2_000, "backstop"));
    expect(opened).toMatchObject({
      type: "opened",
      step: "backstop",
      incident: { id: "BTC-PERP-19700101-2", openedSeq: 2, openedAtMs: 2_000, steps: ["backstop"] },
    });
  });

  it("related events join until the market has been quiet for quietMs; 60,000 ms after the last one it is still open, 60,001 ms after it closes", () => {
    const d = new IncidentDetector(policy);
    d.fold(stage(10, 100_000, "backstop"));
    // A book stage 50 s later joins (related) and moves the quiet clock.
    expect(d.fold(stage(11, 150_000, "book"))).toMatchObject([{ type: "joined", step: null, firstOfStep: false }]);
    expect(d.fold(stage(12, 160_000, "adl"))).toMatchObject([{ type: "joined", step: "adl", firstOfStep: true, incident: { steps: ["backstop", "adl"] } }]);
    expect(d.fold(stage(13, 170_000, "adl"))).toMatchObject([{ type: "joined", step: "adl", firstOfStep: false }]);
    expect(d.fold(tick(14, 230_000))).toEqual([]); // exactly quietMs after 170,000: not yet quiet
    expect(d.fold(tick(15, 230_001))).toMatchObject([{ type: "closed", incident: { lastSeq: 13, lastAtMs: 170_000 } }]);
    // The next episode is a new incident.
    expect(d.fold(stage(16, 300_000, "insurance_fund"))).toMatchObject([{ type: "opened", incident: { openedSeq: 16 } }]);
  });

  it("markets are separate; the fund floor and exhausted backstop capacity open incidents too", () => {
    const d = new IncidentDetector(policy);
    expect(d.fold({ seq: 1, nowMs: 1, type: "InsuranceFundDepleted", market: "ETH-PERP" })).toMatchObject([{ type: "opened", step: "fund_floor" }]);
    expect(d.fold({ seq: 2, nowMs: 2, type: "BackstopCapacityExhausted", market: "BTC-PERP" })).toMatchObject([{ type: "opened", step: "backstop_exhausted" }]);
    expect([...d.open.keys()].sort()).toEqual(["BTC-PERP", "ETH-PERP"]);
  });

  it("which steps open an incident is configuration: with ADL only, a backstop transfer opens nothing but joins an open incident", () => {
    const d = new IncidentDetector({ ...policy, openOn: ["adl"] });
    expect(d.fold(stage(1, 1_000, "backstop"))).toEqual([]);
    expect(d.fold(stage(2, 2_000, "adl"))).toMatchObject([{ type: "opened", step: "adl" }]);
    expect(d.fold(stage(3, 3_000, "backstop"))).toMatchObject([{ type: "joined", step: null }]);
  });

  it("restored from its persisted open incidents, it continues the same episode (detection is idempotent on replay)", () => {
    const first = new IncidentDetector(policy);
    first.fold(stage(1, 1_000, "adl"));
    const resumed = new IncidentDetector(policy, [...first.open.values()]);
    expect(resumed.fold(stage(2, 30_000, "adl"))).toMatchObject([{ type: "joined", incident: { openedSeq: 1 } }]);
  });
});
