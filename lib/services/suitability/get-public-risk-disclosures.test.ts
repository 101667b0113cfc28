import { describe, expect, it } from "vitest";
import type { ServiceContext } from "@/lib/services/context";
import { disclosureInEffect } from "@/lib/services/suitability/acknowledgements";
import { RISK_DISCLOSURE_VERSIONS } from "@/lib/suitability/risk-disclosures";
import { contentHash } from "@/lib/suitability/risk-disclosures/hash";
import { getPublicRiskDisclosures } from "./get-public-risk-disclosures";

/** A signed-out visitor at `now`; the public answer reads no database. */
const visitorAt = (now: Date): ServiceContext => ({
  actor: null,
  get db(): never {
    throw new Error("the public risk disclosure reads no database");
  },
  now: () => now,
});

describe("the public risk disclosure statement (DISC-8)", () => {
  it("DISC-8: shows the version the acknowledgement gate requires now, with the hash an acknowledgement records", async () => {
    const now = new Date();
    const { current, history } = await getPublicRiskDisclosures({ ctx: visitorAt(now) });
    const gate = disclosureInEffect(RISK_DISCLOSURE_VERSIONS, now);
    expect(current?.version.id).toBe(gate.version.id);
    expect(current?.contentHash).toBe(gate.contentHash);
    expect(history.map((entry) => entry.version.id)).toEqual(RISK_DISCLOSURE_VERSIONS.map((v) => v.id).reverse());
    for (const entry of history) expect(entry.contentHash).toBe(contentHash(entry.version));
    expect(history.filter((entry) => entry.status === "current")).toHaveLength(1);
  });

  it("DISC-8: before a version takes effect it is listed as scheduled and the one before it stays current", async () => {
    const last = RISK_DISCLOSURE_VERSIONS[RISK_DISCLOSURE_VERSIONS.length - 1];
    const justBefore = new Date(Date.parse(last.effectiveFrom) - 1);
    const { current, history } = await getPublicRiskDisclosures({ ctx: visitorAt(justBefore) });
    expect(history[0]).toMatchObject({ status: "scheduled" });
    expect(history[0].version.id).toBe(last.id);
    expect(current?.version.id).toBe(RISK_DISCLOSURE_VERSIONS[RISK_DISCLOSURE_VERSIONS.length - 2].id);
    expect(history.slice(2).every((entry) => entry.status === "superseded")).toBe(true);
  });

  it("DISC-8: before the first version nothing is in effect, and every version is scheduled", async () => {
    const before = new Date(Date.parse(RISK_DISCLOSURE_VERSIONS[0].effectiveFrom) - 1);
    const { current, history } = await getPublicRiskDisclosures({ ctx: visitorAt(before) });
    expect(current).toBeNull();
    expect(history.every((entry) => entry.status === "scheduled")).toBe(true);
  });
});
